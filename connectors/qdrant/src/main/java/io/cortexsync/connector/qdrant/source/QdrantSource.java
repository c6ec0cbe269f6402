package io.cortexsync.connector.qdrant.source;

import io.cortexsync.connector.qdrant.source.enumerator.QdrantEnumeratorState;
import io.cortexsync.connector.qdrant.source.enumerator.QdrantEnumeratorStateSerializer;
import io.cortexsync.connector.qdrant.source.enumerator.QdrantSourceEnumerator;
import io.cortexsync.connector.qdrant.source.reader.QdrantSourceReader;
import io.cortexsync.connector.qdrant.source.split.QdrantSplit;
import io.cortexsync.connector.qdrant.source.split.QdrantSplitSerializer;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * A bounded FLIP-27 source reading every point of a Qdrant collection by scrolling contiguous
 * point-id ranges in parallel: one split for the numeric ids, then one per UUID partition (the
 * leading {@code partitionBits} bits of the id, as reconciliation partitions them). A split's
 * state is the offset where its scroll continues, so a restored job reads on from there.
 *
 * <pre>{@code
 * QdrantSource<QdrantPoint> source = QdrantSource.<QdrantPoint>builder()
 *         .setConnectionConfig(connectionConfig)
 *         .setCollectionName("docs")
 *         .setPartitionBits(8)
 *         .setPayloadSelector(QdrantPayloadSelector.include(PayloadFields.CONTENT_HASH, PayloadFields.SURREAL_ID))
 *         .build();
 * }</pre>
 *
 * <p>Scroll reads a live collection without a snapshot: points written while the job runs may or
 * may not be read, depending on whether their range was already passed.
 *
 * @param <T> the records it emits
 */
@PublicEvolving
public final class QdrantSource<T>
        implements Source<T, QdrantSplit, QdrantEnumeratorState>, ResultTypeQueryable<T> {

    private static final long serialVersionUID = 1L;

    private final QdrantSourceConfig config;
    private final QdrantPointDeserializer<T> deserializer;

    QdrantSource(QdrantSourceConfig config, QdrantPointDeserializer<T> deserializer) {
        this.config = config;
        this.deserializer = deserializer;
    }

    public static <T> QdrantSourceBuilder<T> builder() {
        return new QdrantSourceBuilder<>();
    }

    public QdrantSourceConfig config() {
        return config;
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.BOUNDED;
    }

    @Override
    public SourceReader<T, QdrantSplit> createReader(SourceReaderContext readerContext) {
        return QdrantSourceReader.create(config, deserializer, readerContext);
    }

    @Override
    public SplitEnumerator<QdrantSplit, QdrantEnumeratorState> createEnumerator(
            SplitEnumeratorContext<QdrantSplit> enumContext) {
        return new QdrantSourceEnumerator(enumContext, QdrantEnumeratorState.initial(config.partitionBits(), config.partitions()));
    }

    @Override
    public SplitEnumerator<QdrantSplit, QdrantEnumeratorState> restoreEnumerator(
            SplitEnumeratorContext<QdrantSplit> enumContext, QdrantEnumeratorState checkpoint) {
        return new QdrantSourceEnumerator(enumContext, checkpoint);
    }

    @Override
    public SimpleVersionedSerializer<QdrantSplit> getSplitSerializer() {
        return QdrantSplitSerializer.INSTANCE;
    }

    @Override
    public SimpleVersionedSerializer<QdrantEnumeratorState> getEnumeratorCheckpointSerializer() {
        return QdrantEnumeratorStateSerializer.INSTANCE;
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return deserializer.getProducedType();
    }
}
