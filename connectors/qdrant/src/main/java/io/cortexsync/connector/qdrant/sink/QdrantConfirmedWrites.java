package io.cortexsync.connector.qdrant.sink;

import io.cortexsync.connector.qdrant.sink.internal.QdrantWriteOperatorFactory;
import io.cortexsync.connector.qdrant.sink.internal.WriteFailures;
import io.cortexsync.schema.model.DeadLetter;
import io.cortexsync.schema.serialization.SchemaTypes;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.util.OutputTag;

/**
 * Writes a stream to Qdrant exactly as a {@link QdrantSink} does, and emits what became of every
 * element once Qdrant confirmed its write or it went to the dead-letter output (also emitted on
 * {@link #DEAD_LETTERS}). Everything written before a checkpoint barrier is confirmed, and its
 * outcome emitted, before the barrier passes on: a transactional sink downstream (Kafka) then
 * publishes an outcome only for writes Qdrant holds, exactly once per checkpointed element.
 *
 * <pre>{@code
 * SingleOutputStreamOperator<SyncEvent> events = QdrantConfirmedWrites.apply(
 *         changes.keyBy(...), sink, new MyOutcomes(), SchemaTypes.SYNC_EVENT);
 * DataStream<DeadLetter> deadLetters = events.getSideOutput(QdrantConfirmedWrites.DEAD_LETTERS);
 * }</pre>
 */
@PublicEvolving
public final class QdrantConfirmedWrites {

    /** Every dead letter of the writes, as the sink's outcome listener also hears them. */
    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("qdrant-dead-letters", SchemaTypes.DEAD_LETTER);

    private QdrantConfirmedWrites() {}

    /**
     * Whether Qdrant itself refused the point (a valid element Qdrant would not store), as opposed
     * to the sink's own checks (dimension, NaN, the converter) refusing the element before sending.
     */
    public static boolean isRefusal(DeadLetter deadLetter) {
        return deadLetter.reason().startsWith(WriteFailures.REFUSED_PREFIX);
    }

    /** Writes {@code input} with {@code sink}'s settings; emits {@code outcomes}' answer for each element. */
    public static <T, OUT> SingleOutputStreamOperator<OUT> apply(
            DataStream<T> input, QdrantSink<T> sink, QdrantWriteOutcomeMapper<T, OUT> outcomes, TypeInformation<OUT> type) {
        return input.transform("qdrant-confirmed-writes", type, new QdrantWriteOperatorFactory<>(sink, outcomes, DEAD_LETTERS));
    }
}
