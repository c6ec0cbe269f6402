package io.cortexsync.connector.surrealdb.client;

import javax.net.ssl.SSLException;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;

/** Sorts what went wrong with an HTTP exchange into the client's exceptions. */
final class HttpFailures {

    private static final int MAX_BODY_IN_MESSAGE = 1000;

    private HttpFailures() {}

    static SurrealException fromIo(IOException e, String what) {
        if (e instanceof SocketTimeoutException) {
            return new SurrealTimeoutException(what + " timed out: " + e.getMessage(), e);
        }
        if (hasCause(e, CertificateException.class)) {
            // an untrusted or mismatched certificate stays so: not worth a retry
            return new SurrealTransportException(what + " failed: TLS certificate not trusted: " + rootMessage(e), e, false);
        }
        if (hasCause(e, SSLException.class)) {
            return new SurrealTransportException(what + " failed: TLS error: " + rootMessage(e), e, true);
        }
        String kind = hasCause(e, ConnectException.class) ? "connection refused" : "I/O error";
        return new SurrealTransportException(what + " failed (" + kind + "): " + rootMessage(e), e, true);
    }

    /** A reply other than 200. */
    static SurrealException fromStatus(int status, byte[] body, int requestBytes, int limit) {
        String text = text(body);
        if (status == 401) {
            return new SurrealAuthenticationException(text);
        }
        if (status == 413) {
            return SurrealRequestTooLargeException.request(requestBytes, limit, "; the server answered 413: " + text);
        }
        return new SurrealHttpException(status, text);
    }

    static String text(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        return text.length() <= MAX_BODY_IN_MESSAGE ? text : text.substring(0, MAX_BODY_IN_MESSAGE) + "…";
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : ": " + root.getMessage();
        return root == e ? root.getClass().getSimpleName() + message
                : e.getClass().getSimpleName() + " (" + root.getClass().getSimpleName() + message + ")";
    }
}
