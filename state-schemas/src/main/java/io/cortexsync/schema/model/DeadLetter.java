package io.cortexsync.schema.model;

import java.time.Instant;
import java.util.Objects;

/** A record that could not be processed, kept with why and where it failed. */
public final class DeadLetter {

    private final String raw;
    private final String reason;
    private final String stage;
    private final String recordId;
    private final Instant time;

    private DeadLetter(String raw, String reason, String stage, String recordId, Instant time) {
        this.raw = Checks.required(raw, "raw");
        this.reason = Checks.nonBlank(reason, "reason");
        this.stage = Checks.nonBlank(stage, "stage");
        this.recordId = Checks.nullOrNonBlank(recordId, "recordId");
        this.time = Checks.required(time, "time");
    }

    /**
     * A dead letter.
     *
     * @param raw the input as text (e.g. JSON), as received
     * @param reason why it failed
     * @param stage the operator or step that rejected it
     * @param recordId the record id if known, else {@code null}
     * @param time when it failed
     */
    public static DeadLetter of(
            String raw, String reason, String stage, String recordId, Instant time) {
        return new DeadLetter(raw, reason, stage, recordId, time);
    }

    /** The input as text, as received. */
    public String raw() {
        return raw;
    }

    public String reason() {
        return reason;
    }

    /** The operator or step that rejected the record. */
    public String stage() {
        return stage;
    }

    /** The record id if known, else {@code null}. */
    public String recordId() {
        return recordId;
    }

    public Instant time() {
        return time;
    }

    @Override
    public boolean equals(Object o) {
        return this == o
                || o instanceof DeadLetter that
                        && raw.equals(that.raw)
                        && reason.equals(that.reason)
                        && stage.equals(that.stage)
                        && Objects.equals(recordId, that.recordId)
                        && time.equals(that.time);
    }

    @Override
    public int hashCode() {
        return Objects.hash(raw, reason, stage, recordId, time);
    }

    @Override
    public String toString() {
        return "DeadLetter{stage="
                + stage
                + ", reason="
                + Checks.abbreviate(reason, 200)
                + ", recordId="
                + recordId
                + ", time="
                + time
                + ", raw="
                + Checks.abbreviate(raw, 120)
                + '}';
    }
}
