package io.cortexsync.connector.dualwrite.commit;

import org.apache.flink.annotation.Internal;

import java.util.List;
import java.util.Map;

/**
 * The commit marker of one committable, as stored in SurrealDB in the same transaction as the
 * committable's writes: how far its commit got, each change's outcome (in the committable's
 * order), and the before-image of every record it wrote (for compensation).
 *
 * @param status {@link Status#SURREAL_DONE} once SurrealDB holds the writes, {@link Status#DONE}
 *     once Qdrant does too (or the refused points were compensated)
 * @param before per record id written, what the record and its tombstone held before (null
 *     where there was none)
 */
@Internal
public record CommitMarker(String committableId, Status status, List<ChangeOutcome> outcomes, Map<String, BeforeImage> before) {

    /** How far a commit got. */
    public enum Status {
        SURREAL_DONE,
        DONE
    }

    /** A record and its tombstone as they were before a commit wrote them; either may be null. */
    public record BeforeImage(Map<String, Object> record, Map<String, Object> tombstone) {}

    public CommitMarker {
        outcomes = List.copyOf(outcomes);
        before = Map.copyOf(before);
    }

    public CommitMarker withStatus(Status next, List<ChangeOutcome> nextOutcomes) {
        return new CommitMarker(committableId, next, nextOutcomes, before);
    }
}
