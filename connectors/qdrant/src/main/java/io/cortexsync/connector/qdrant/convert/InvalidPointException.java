package io.cortexsync.connector.qdrant.convert;

import org.apache.flink.annotation.PublicEvolving;

/** An element that cannot become a Qdrant write; the message is the dead letter's reason. */
@PublicEvolving
public class InvalidPointException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String recordId;

    public InvalidPointException(String reason) {
        this(reason, null);
    }

    public InvalidPointException(String reason, String recordId) {
        super(reason);
        this.recordId = recordId;
    }

    /** The record id when known, else null. */
    public String recordId() {
        return recordId;
    }
}
