package io.cortexsync.connector.surrealdb.client;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * One HTTP/1.1 connection, used by one exchange at a time: writes a request, reads the reply into
 * a byte array of its announced length (or of its chunks), and says whether the server keeps the
 * connection open for the next one. Not thread-safe; {@link HttpConnectionPool} hands it out.
 */
final class HttpConnection implements AutoCloseable {

    /** The status line and headers of a reply: RPC replies carry a handful. */
    private static final int MAX_HEAD_BYTES = 64 * 1024;
    private static final int BUFFER_BYTES = 64 * 1024;
    /**
     * The most one read asks the socket for. The JDK reads a socket into an array through a direct
     * buffer of the read's size, which the reading thread keeps: one read per reply left a buffer
     * of the largest reply (megabytes outside the heap, for every fetching thread) and allocated
     * and zeroed a new one whenever a reply was larger than the last.
     */
    private static final int READ_BYTES = 4 * BUFFER_BYTES;

    private static final long TLS_PROBE_AFTER_IDLE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final SocketChannel channel;
    /** The TLS socket over the channel's, or null for plain HTTP. */
    private final Socket tlsSocket;
    private final int readTimeoutMillis;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] line = new byte[8 * 1024];
    private final ByteBuffer probe = ByteBuffer.allocate(1);
    private long idleSinceNanos = System.nanoTime();

    HttpConnection(SocketChannel channel, Socket tlsSocket, InputStream in, OutputStream out, int readTimeoutMillis) {
        this.channel = channel;
        this.tlsSocket = tlsSocket;
        this.readTimeoutMillis = readTimeoutMillis;
        this.in = new BufferedInputStream(in, BUFFER_BYTES);
        this.out = new BufferedOutputStream(out, BUFFER_BYTES);
    }

    void send(byte[] head, byte[] body) throws IOException {
        out.write(head);
        if (body.length > 0) {
            out.write(body);
        }
        out.flush();
    }

    /** Reads the status line and headers of the reply, skipping interim (1xx) replies. */
    Head readHead() throws IOException {
        while (true) {
            String statusLine = readLine(true);
            int status = parseStatus(statusLine);
            boolean http10 = statusLine.startsWith("HTTP/1.0");
            long contentLength = -1;
            boolean chunked = false;
            Boolean keepAlive = null;
            int headBytes = statusLine.length();
            for (String header = readLine(false); !header.isEmpty(); header = readLine(false)) {
                headBytes += header.length() + 2;
                if (headBytes > MAX_HEAD_BYTES) {
                    throw new IOException("the reply's headers are larger than " + MAX_HEAD_BYTES + " bytes");
                }
                int colon = header.indexOf(':');
                if (colon <= 0) {
                    throw new IOException("malformed reply header: " + header);
                }
                String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = header.substring(colon + 1).trim();
                switch (name) {
                    case "content-length":
                        contentLength = parseLength(value);
                        break;
                    case "transfer-encoding":
                        chunked = value.toLowerCase(Locale.ROOT).endsWith("chunked");
                        break;
                    case "connection":
                        String tokens = value.toLowerCase(Locale.ROOT);
                        keepAlive = tokens.contains("close") ? Boolean.FALSE
                                : tokens.contains("keep-alive") ? Boolean.TRUE : keepAlive;
                        break;
                    default:
                        break;
                }
            }
            if (status >= 100 && status < 200) {
                continue;
            }
            boolean reusable = keepAlive != null ? keepAlive : !http10;
            return new Head(status, contentLength, chunked, reusable);
        }
    }

    /** The body that {@code head} announced; a body that runs to the end of the stream ends the connection. */
    byte[] readBody(Head head) throws IOException {
        if (head.status == 204 || head.status == 304) {
            return new byte[0];
        }
        if (head.chunked) {
            return readChunked();
        }
        if (head.contentLength >= 0) {
            if (head.contentLength > Integer.MAX_VALUE - 16) {
                throw new IOException("a reply of " + head.contentLength + " bytes is larger than a byte array");
            }
            byte[] body = new byte[(int) head.contentLength];
            int read = readFully(body, 0, body.length);
            if (read < body.length) {
                throw new EOFException("the connection closed after " + read + " of " + body.length + " reply bytes");
            }
            return body;
        }
        head.reusable = false;
        return in.readAllBytes();
    }

    /**
     * Whether a connection that waited in the pool is still open: servers close idle connections
     * (Node after 5 s, proxies after their own timeouts), and a request sent into such a
     * connection is lost. The end of the stream, or bytes nobody asked for, mean it is done.
     */
    boolean stillOpen() {
        try {
            if (in.available() > 0) {
                return false;
            }
            return tlsSocket == null ? nothingToRead() : tlsStillOpen();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Plain TCP: a read that does not wait; nothing to read means open. */
    private boolean nothingToRead() throws IOException {
        probe.clear();
        channel.configureBlocking(false);
        try {
            return channel.read(probe) == 0;
        } finally {
            channel.configureBlocking(true);
        }
    }

    /**
     * TLS: raw bytes may be records the TLS layer takes care of itself (session tickets), so the
     * layer is asked, with a read of a millisecond; a timeout means open. Only after an idle
     * second, which servers' idle timeouts exceed, so that a busy connection does not pay it.
     */
    private boolean tlsStillOpen() throws IOException {
        if (System.nanoTime() - idleSinceNanos < TLS_PROBE_AFTER_IDLE_NANOS) {
            return true;
        }
        tlsSocket.setSoTimeout(1);
        try {
            in.read();
            return false;
        } catch (SocketTimeoutException open) {
            return true;
        } finally {
            tlsSocket.setSoTimeout(readTimeoutMillis);
        }
    }

    void markIdle() {
        idleSinceNanos = System.nanoTime();
    }

    /** Closes the socket; safe from any thread, which is how a timed-out exchange is ended. */
    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing: nothing left to do with it
        }
    }

    private byte[] readChunked() throws IOException {
        byte[] body = new byte[BUFFER_BYTES];
        int size = 0;
        while (true) {
            String sizeLine = readLine(false);
            int semicolon = sizeLine.indexOf(';');
            String hex = (semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).trim();
            long chunk;
            try {
                chunk = Long.parseLong(hex, 16);
            } catch (NumberFormatException e) {
                throw new IOException("malformed chunk size in the reply: " + sizeLine);
            }
            if (chunk == 0) {
                // trailers, if any, until the empty line
                while (!readLine(false).isEmpty()) {
                    // not used
                }
                return Arrays.copyOf(body, size);
            }
            if (chunk < 0 || size + chunk > Integer.MAX_VALUE - 16) {
                throw new IOException("a chunked reply larger than a byte array");
            }
            if (size + chunk > body.length) {
                body = Arrays.copyOf(body, (int) Math.max(size + chunk, Math.min(Integer.MAX_VALUE - 16, 2L * body.length)));
            }
            int read = readFully(body, size, (int) chunk);
            if (read < chunk) {
                throw new EOFException("the connection closed inside a chunk of the reply");
            }
            size += read;
            if (!readLine(false).isEmpty()) {
                throw new IOException("a chunk of the reply does not end with CRLF");
            }
        }
    }

    /** Reads {@code length} bytes, or fewer at the end of the stream, in reads of at most {@link #READ_BYTES}. */
    private int readFully(byte[] target, int offset, int length) throws IOException {
        int done = 0;
        while (done < length) {
            int read = in.read(target, offset + done, Math.min(length - done, READ_BYTES));
            if (read < 0) {
                break;
            }
            done += read;
        }
        return done;
    }

    /** A line without its CRLF, as ISO-8859-1; the end of the stream before it is an error. */
    private String readLine(boolean first) throws IOException {
        int length = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException(first && length == 0
                        ? "the server closed the connection without a reply"
                        : "the connection closed inside the reply's head");
            }
            if (b == '\n') {
                int end = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
                return new String(line, 0, end, StandardCharsets.ISO_8859_1);
            }
            if (length == line.length) {
                throw new IOException("a line of the reply's head is longer than " + line.length + " bytes");
            }
            line[length++] = (byte) b;
        }
    }

    private static int parseStatus(String statusLine) throws IOException {
        // HTTP/1.1 200 OK
        if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12 || statusLine.charAt(8) != ' ') {
            throw new IOException("not an HTTP/1.x status line: " + statusLine);
        }
        try {
            return Integer.parseInt(statusLine.substring(9, 12));
        } catch (NumberFormatException e) {
            throw new IOException("not an HTTP/1.x status line: " + statusLine);
        }
    }

    private static long parseLength(String value) throws IOException {
        try {
            long length = Long.parseLong(value);
            if (length < 0) {
                throw new NumberFormatException();
            }
            return length;
        } catch (NumberFormatException e) {
            throw new IOException("malformed Content-Length in the reply: " + value);
        }
    }

    /** What the head of a reply says about its body and the connection. */
    static final class Head {
        final int status;
        final long contentLength;
        final boolean chunked;
        boolean reusable;

        Head(int status, long contentLength, boolean chunked, boolean reusable) {
            this.status = status;
            this.contentLength = contentLength;
            this.chunked = chunked;
            this.reusable = reusable;
        }
    }
}
