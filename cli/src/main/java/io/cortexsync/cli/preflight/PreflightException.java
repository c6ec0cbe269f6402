package io.cortexsync.cli.preflight;

/** A problem that ends a migration before it starts; the message is one line naming it. */
public final class PreflightException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PreflightException(String message) {
        super(message);
    }

    public PreflightException(String message, Throwable cause) {
        super(message, cause);
    }
}
