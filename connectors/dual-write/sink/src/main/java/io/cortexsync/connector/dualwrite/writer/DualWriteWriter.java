package io.cortexsync.connector.dualwrite.writer;

import io.cortexsync.connector.dualwrite.commit.DualWriteCommittable;
import io.cortexsync.connector.dualwrite.commit.PendingChange;
import io.cortexsync.schema.model.EntityChange;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.api.connector.sink2.SinkWriter;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Buffers the changes between two checkpoints and hands them to the checkpoint as committables
 * (pre-commit): nothing reaches a store before the checkpoint that holds them completed. A
 * failure before that loses only this buffer, which the source replays.
 */
@Internal
public final class DualWriteWriter implements CommittingSinkWriter<EntityChange, DualWriteCommittable> {

    private final int subtask;
    private final int maxChangesPerCommit;
    private List<PendingChange> buffer = new ArrayList<>();

    public DualWriteWriter(int subtask, int maxChangesPerCommit) {
        this.subtask = subtask;
        this.maxChangesPerCommit = maxChangesPerCommit;
    }

    @Override
    public void write(EntityChange change, SinkWriter.Context context) {
        Long timestamp = context.timestamp();
        buffer.add(new PendingChange(change, timestamp != null ? timestamp : System.currentTimeMillis()));
    }

    @Override
    public void flush(boolean endOfInput) {
        // nothing is written before the commit
    }

    /** The buffered changes in input order, in committables of at most the configured size. */
    @Override
    public Collection<DualWriteCommittable> prepareCommit() {
        List<DualWriteCommittable> committables = new ArrayList<>();
        for (int from = 0; from < buffer.size(); from += maxChangesPerCommit) {
            List<PendingChange> part = buffer.subList(from, Math.min(buffer.size(), from + maxChangesPerCommit));
            committables.add(new DualWriteCommittable(UUID.randomUUID().toString(), subtask, part));
        }
        buffer = new ArrayList<>();
        return committables;
    }

    @Override
    public void close() {
        buffer = new ArrayList<>();
    }
}
