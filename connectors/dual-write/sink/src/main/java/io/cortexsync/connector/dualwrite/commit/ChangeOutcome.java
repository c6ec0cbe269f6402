package io.cortexsync.connector.dualwrite.commit;

import org.apache.flink.annotation.Internal;

import java.util.Objects;

/** What became of one change of a committable; recorded in its commit marker, so a re-commit tells the same. */
@Internal
public record ChangeOutcome(Kind kind, String detail) {

    /** The outcomes a change can have; each maps to its final sync event. */
    public enum Kind {
        /** In both stores (or, until the Qdrant stage ran, in SurrealDB). */
        APPLIED,
        /** Lost to a newer stored change; applied nowhere. */
        CONFLICT,
        /** Qdrant refused its point for good; SurrealDB was restored to what it held before. */
        COMPENSATED,
        /** Neither applied nor restorable; the detail says why. */
        FAILED
    }

    public ChangeOutcome {
        Objects.requireNonNull(kind, "kind");
        detail = detail == null ? "" : detail;
    }

    public static ChangeOutcome applied(String detail) {
        return new ChangeOutcome(Kind.APPLIED, detail);
    }

    public static ChangeOutcome conflict(String detail) {
        return new ChangeOutcome(Kind.CONFLICT, detail);
    }
}
