package io.cortexsync.connector.surrealdb.client;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Blocking HTTP/1.1 exchanges with one server over keep-alive connections: a caller takes an idle
 * connection or opens one, so concurrent callers never wait for each other, and gives it back
 * when the server keeps it open. The exchange runs on the caller's thread: no selector thread and
 * no hand-over of every buffer between threads, which is what a client built for many concurrent
 * streams spends on a few large request-reply calls. Thread-safe.
 */
final class HttpConnectionPool implements AutoCloseable {

    private final HttpEndpoint endpoint;
    private final long requestTimeoutNanos;
    private final int readTimeoutMillis;
    private final Deque<HttpConnection> idle = new ArrayDeque<>();
    private final ScheduledThreadPoolExecutor deadlines;
    private boolean closed;

    HttpConnectionPool(HttpEndpoint endpoint, Duration requestTimeout) {
        this.endpoint = endpoint;
        this.requestTimeoutNanos = requestTimeout.toNanos();
        this.readTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, requestTimeout.toMillis()));
        this.deadlines = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "surrealdb-http-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        this.deadlines.setRemoveOnCancelPolicy(true);
    }

    /** The reply to a request, as status and body. */
    static final class Reply {
        final int status;
        final byte[] body;

        Reply(int status, byte[] body) {
            this.status = status;
            this.body = body;
        }
    }

    /**
     * Sends {@code head} (request line and headers, ending with the empty line) and {@code body},
     * and reads the reply. The request timeout runs from the send to the end of the reply.
     *
     * @throws SocketTimeoutException when the timeout passes
     */
    Reply exchange(byte[] head, byte[] body) throws IOException {
        HttpConnection connection = take();
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> deadline;
        try {
            // a blocked write or read ends when its connection closes: that is the timeout
            deadline = deadlines.schedule(() -> {
                timedOut.set(true);
                connection.close();
            }, requestTimeoutNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closedMeanwhile) {
            connection.close();
            throw new IOException("the client is closed");
        }
        boolean done = false;
        try {
            // a server may refuse a request before reading its body (413 over its size limit),
            // answer and close: the write fails on the reset, but the answer came before it
            IOException sendFailure = null;
            try {
                connection.send(head, body);
            } catch (IOException e) {
                sendFailure = e;
            }
            HttpConnection.Head replyHead;
            byte[] replyBody;
            try {
                replyHead = connection.readHead();
                replyBody = connection.readBody(replyHead);
            } catch (IOException readFailure) {
                if (sendFailure == null) {
                    throw readFailure;
                }
                sendFailure.addSuppressed(readFailure);
                throw sendFailure;
            }
            // a deadline that passed as the last byte came closed the connection, but the reply is whole
            boolean inTime = deadline.cancel(false);
            done = true;
            if (inTime && replyHead.reusable && sendFailure == null) {
                giveBack(connection);
            } else {
                connection.close();
            }
            return new Reply(replyHead.status, replyBody);
        } catch (IOException e) {
            if (timedOut.get()) {
                SocketTimeoutException timeout =
                        new SocketTimeoutException("no reply within " + Duration.ofNanos(requestTimeoutNanos));
                timeout.initCause(e);
                throw timeout;
            }
            throw e;
        } finally {
            if (!done) {
                deadline.cancel(false);
                connection.close();
            }
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            idle.forEach(HttpConnection::close);
            idle.clear();
        }
        deadlines.shutdownNow();
    }

    private HttpConnection take() throws IOException {
        while (true) {
            HttpConnection connection;
            synchronized (this) {
                if (closed) {
                    throw new IOException("the client is closed");
                }
                // the most recently used first: the least likely to have been closed by the server
                connection = idle.pollLast();
            }
            if (connection == null) {
                return endpoint.open(readTimeoutMillis);
            }
            if (connection.stillOpen()) {
                return connection;
            }
            connection.close();
        }
    }

    private void giveBack(HttpConnection connection) {
        connection.markIdle();
        synchronized (this) {
            if (!closed) {
                idle.addLast(connection);
                return;
            }
        }
        connection.close();
    }
}
