package io.cortexsync.cli.run;

/** The place a job should run cannot take it; the message names the option to fix. */
public final class RunnerUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RunnerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public RunnerUnavailableException(String message) {
        super(message);
    }
}
