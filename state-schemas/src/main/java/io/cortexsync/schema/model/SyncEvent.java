package io.cortexsync.schema.model;

import java.time.Instant;
import java.util.Objects;

/** The outcome of one attempt to bring a record into sync, published for monitoring. */
public final class SyncEvent {

    /** What happened. */
    public enum Type {
        /** Both stores hold the record. */
        SYNCED,
        /** An attempt failed; see the detail. */
        FAILED,
        /** The stores were found to disagree. */
        INCONSISTENT,
        /** A SurrealDB write was undone after Qdrant failed permanently. */
        COMPENSATED,
        /** A disagreement was repaired. */
        REPAIRED,
        /** A failed attempt will be retried. */
        RETRYING,
        /** A newer version of the record won over this one. */
        CONFLICT,
        /** The record went to the dead-letter output. */
        DEAD_LETTER
    }

    private final Type type;
    private final String entityId;
    private final String requestId;
    private final String detail;
    private final int attempt;
    private final long latencyMs;
    private final Instant time;

    private SyncEvent(Builder b) {
        this.type = Checks.required(b.type, "type");
        this.entityId = Checks.nullOrNonBlank(b.entityId, "entityId");
        this.requestId = Checks.nullOrNonBlank(b.requestId, "requestId");
        this.detail = Checks.required(b.detail, "detail");
        this.attempt = Checks.nonNegative(b.attempt, "attempt");
        this.latencyMs = Checks.nonNegative(b.latencyMs, "latencyMs");
        this.time = Checks.required(b.time, "time");
    }

    public static Builder builder() {
        return new Builder();
    }

    public Type type() {
        return type;
    }

    /** The canonical record id, or {@code null} when it could not be determined. */
    public String entityId() {
        return entityId;
    }

    /** The request that caused this event (dual-write), or {@code null}. */
    public String requestId() {
        return requestId;
    }

    /** A human-readable detail, e.g. an error message; empty when there is nothing to add. */
    public String detail() {
        return detail;
    }

    /** Which attempt this was, counting from 1 (0 when not attempt-based). */
    public int attempt() {
        return attempt;
    }

    /** Milliseconds from the change entering the job to this outcome. */
    public long latencyMs() {
        return latencyMs;
    }

    public Instant time() {
        return time;
    }

    @Override
    public boolean equals(Object o) {
        return this == o
                || o instanceof SyncEvent that
                        && type == that.type
                        && Objects.equals(entityId, that.entityId)
                        && Objects.equals(requestId, that.requestId)
                        && detail.equals(that.detail)
                        && attempt == that.attempt
                        && latencyMs == that.latencyMs
                        && time.equals(that.time);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, entityId, requestId, detail, attempt, latencyMs, time);
    }

    @Override
    public String toString() {
        return "SyncEvent{"
                + type
                + ", entityId="
                + entityId
                + (requestId == null ? "" : ", requestId=" + requestId)
                + ", detail="
                + Checks.abbreviate(detail, 200)
                + ", attempt="
                + attempt
                + ", latencyMs="
                + latencyMs
                + ", time="
                + time
                + '}';
    }

    /** Builds a {@link SyncEvent}; {@code type} and {@code time} are required. */
    public static final class Builder {
        private Type type;
        private String entityId;
        private String requestId;
        private String detail = "";
        private int attempt;
        private long latencyMs;
        private Instant time;

        private Builder() {}

        public Builder type(Type type) {
            this.type = type;
            return this;
        }

        public Builder entityId(String entityId) {
            this.entityId = entityId;
            return this;
        }

        public Builder requestId(String requestId) {
            this.requestId = requestId;
            return this;
        }

        public Builder detail(String detail) {
            this.detail = detail;
            return this;
        }

        public Builder attempt(int attempt) {
            this.attempt = attempt;
            return this;
        }

        public Builder latencyMs(long latencyMs) {
            this.latencyMs = latencyMs;
            return this;
        }

        public Builder time(Instant time) {
            this.time = time;
            return this;
        }

        public SyncEvent build() {
            return new SyncEvent(this);
        }
    }
}
