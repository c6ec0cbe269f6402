package io.cortexsync.connector.dualwrite;

import io.cortexsync.connector.dualwrite.apply.QdrantStageOperatorFactory;
import io.cortexsync.connector.dualwrite.commit.DualWriteCommittable;
import io.cortexsync.connector.dualwrite.commit.DualWriteCommittableSerializer;
import io.cortexsync.connector.dualwrite.commit.DualWriteCommitter;
import io.cortexsync.connector.dualwrite.writer.DualWriteWriter;
import io.cortexsync.schema.model.EntityChange;
import io.cortexsync.schema.model.SyncEvent;
import io.cortexsync.schema.serialization.SchemaTypes;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.streaming.api.connector.sink2.CommittableMessage;
import org.apache.flink.streaming.api.connector.sink2.SupportsPostCommitTopology;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * Lands every {@link EntityChange} in SurrealDB, then in Qdrant, exactly once, as a two-phase
 * commit with the Flink checkpoint as its write-ahead log:
 *
 * <ol>
 *   <li><b>pre-commit</b>: at each checkpoint barrier the writer hands the changes it buffered to
 *       the checkpoint as committables;
 *   <li><b>commit</b>, once the checkpoint completed: the committer writes each committable's
 *       winning changes, their tombstones and a commit marker (with before-images) to SurrealDB
 *       in one transaction;
 *   <li><b>Qdrant</b>, in the post-commit stage: the committed state goes to Qdrant (conditional on
 *       {@code _version}), a point Qdrant refuses for good is compensated in SurrealDB, the
 *       marker is finished, and each change's final {@link SyncEvent} goes to the event sink.
 * </ol>
 *
 * <p>A committable committed again after a restore does only what its marker says is left, and
 * emits the same final events. Give the event sink exactly-once delivery (a transactional
 * KafkaSink) and a read_committed consumer sees one final event per change.
 *
 * <pre>{@code
 * DualWriteSink sink = DualWriteSink.builder()
 *         .setSurrealConnection(surreal)
 *         .setQdrantConnection(qdrant)
 *         .setCollection("docs")
 *         .setConflictPolicy(ConflictPolicy.VERSION)
 *         .setEventSink(kafkaEvents)
 *         .build();
 * changes.keyBy(c -> c.recordId().canonical()).sinkTo(sink).uid("dual-write");
 * }</pre>
 */
@PublicEvolving
public final class DualWriteSink implements Sink<EntityChange>, SupportsCommitter<DualWriteCommittable>,
        SupportsPostCommitTopology<DualWriteCommittable> {

    private static final long serialVersionUID = 1L;

    private final DualWriteSettings settings;
    private final DualWriteEventTopology events;

    DualWriteSink(DualWriteSettings settings, DualWriteEventTopology events) {
        this.settings = settings;
        this.events = events;
    }

    public static DualWriteSinkBuilder builder() {
        return new DualWriteSinkBuilder();
    }

    @Override
    public CommittingSinkWriter<EntityChange, DualWriteCommittable> createWriter(WriterInitContext context) {
        return new DualWriteWriter(context.getTaskInfo().getIndexOfThisSubtask(), settings.maxChangesPerCommit());
    }

    @Override
    public Committer<DualWriteCommittable> createCommitter(CommitterInitContext context) {
        return new DualWriteCommitter(settings, context.metricGroup(), context.getTaskInfo().getIndexOfThisSubtask());
    }

    @Override
    public SimpleVersionedSerializer<DualWriteCommittable> getCommittableSerializer() {
        return new DualWriteCommittableSerializer();
    }

    /**
     * The Qdrant stage, at the committer's parallelism so that each committer's batches reach one
     * stage subtask in order, and the event topology after it (without one the events end in a
     * discarding sink).
     */
    @Override
    public void addPostCommitTopology(DataStream<CommittableMessage<DualWriteCommittable>> committables) {
        SingleOutputStreamOperator<SyncEvent> finals = committables
                .transform("dual-write: Qdrant", SchemaTypes.SYNC_EVENT, new QdrantStageOperatorFactory(settings))
                .setParallelism(committables.getParallelism())
                .uid(stageUid(settings.sinkId()));
        if (events != null) {
            events.addTo(finals, stageUid(settings.sinkId()) + "-");
        } else {
            finals.sinkTo(new DiscardingSink<>()).setParallelism(committables.getParallelism())
                    .name("dual-write: no events").uid(stageUid(settings.sinkId()) + "-no-events");
        }
    }

    /** The uid of the Qdrant stage of the sink with this id; operators the event topology adds need their own. */
    public static String stageUid(String sinkId) {
        return "dual-write-" + sinkId + "-qdrant-stage";
    }

    /** What the sink was built with. */
    public DualWriteSettings settings() {
        return settings;
    }
}
