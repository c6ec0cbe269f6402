package io.cortexsync.connector.dualwrite.commit;

import org.apache.flink.annotation.Internal;

import java.util.List;
import java.util.Objects;

/**
 * The changes one writer subtask took between two checkpoints (or a part of them), handed to the
 * checkpoint at its barrier: the checkpoint is the write-ahead log. The id names the batch's commit
 * marker in SurrealDB, so a committable committed again after a restore finds what was already
 * done. Immutable: Flink may serialize it while the committer works.
 */
@Internal
public final class DualWriteCommittable {

    private final String id;
    private final int subtask;
    private final List<PendingChange> changes;

    public DualWriteCommittable(String id, int subtask, List<PendingChange> changes) {
        this.id = Objects.requireNonNull(id, "id");
        this.subtask = subtask;
        this.changes = List.copyOf(changes);
    }

    /** Unique per committable: the key of its commit marker. */
    public String id() {
        return id;
    }

    public int subtask() {
        return subtask;
    }

    /** In input order; the changes of one record all come from one subtask. */
    public List<PendingChange> changes() {
        return changes;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof DualWriteCommittable that
                && id.equals(that.id) && subtask == that.subtask && changes.equals(that.changes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, subtask, changes);
    }

    @Override
    public String toString() {
        return "DualWriteCommittable{" + id + ", subtask " + subtask + ", " + changes.size() + " changes}";
    }
}
