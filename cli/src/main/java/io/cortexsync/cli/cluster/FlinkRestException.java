package io.cortexsync.cli.cluster;

import java.util.List;

/** A Flink REST call that the cluster refused or could not answer; carries the cluster's own error lines. */
public final class FlinkRestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final List<String> errors;

    public FlinkRestException(String message, int status, List<String> errors) {
        super(message + (errors.isEmpty() ? "" : ": " + firstLine(errors.get(0))));
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    public FlinkRestException(String message, Throwable cause) {
        super(message + ": " + cause.getMessage(), cause);
        this.status = -1;
        this.errors = List.of();
    }

    /** The HTTP status, -1 when no answer came. */
    public int status() {
        return status;
    }

    /** The {@code errors} array of Flink's answer: often a message, then a server-side stack trace. */
    public List<String> errors() {
        return errors;
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }
}
