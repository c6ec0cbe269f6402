package io.cortexsync.connector.surrealdb.sink.internal;

/**
 * A transaction was refused because the server rejected one of its statements for the record
 * it writes (see {@link WriteFailures#isRejectedWrite}); nothing of the transaction was committed.
 */
final class WriteRejectedException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String serverMessage;

    WriteRejectedException(String serverMessage) {
        // Thrown and caught as control flow while a batch is bisected: no stack trace needed.
        super(serverMessage, null, false, false);
        this.serverMessage = serverMessage;
    }

    /** The server's message for the rejected statement, unchanged. */
    String serverMessage() {
        return serverMessage;
    }
}
