package io.cortexsync.connector.qdrant.source.reader;

import io.cortexsync.connector.qdrant.source.QdrantPointDeserializer;
import io.cortexsync.connector.qdrant.source.QdrantSourceConfig;
import io.cortexsync.connector.qdrant.source.split.QdrantSplit;
import io.cortexsync.connector.qdrant.source.split.QdrantSplitState;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.source.reader.SingleThreadMultiplexSourceReaderBase;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

import java.util.Map;

/**
 * The QdrantSource's reader: asks for point-id ranges whenever it has none left, scrolls them page by
 * page in one fetcher thread, and keeps each range's next offset as its checkpointed state.
 *
 * <p>Metrics on the reader's group: {@code pointsRead}, {@code pagesRead}, {@code scrollRetries},
 * {@code splitsFinished} (counters), beside Flink's {@code numRecordsIn} and {@code numBytesIn}
 * (bytes of the scroll replies).
 */
@Internal
public final class QdrantSourceReader<T>
        extends SingleThreadMultiplexSourceReaderBase<ScrolledPoint, T, QdrantSplit, QdrantSplitState> {

    private final Counter splitsFinished;

    private QdrantSourceReader(
            QdrantSourceConfig config,
            QdrantPointDeserializer<T> deserializer,
            SourceReaderContext context,
            ScrollMetrics scrollMetrics,
            Counter pointsRead,
            Counter splitsFinished) {
        super(
                () -> new QdrantSplitReader(config, scrollMetrics),
                new QdrantRecordEmitter<>(deserializer, pointsRead),
                new Configuration(),
                context);
        this.splitsFinished = splitsFinished;
    }

    public static <T> QdrantSourceReader<T> create(
            QdrantSourceConfig config, QdrantPointDeserializer<T> deserializer, SourceReaderContext context) {
        MetricGroup metrics = context.metricGroup();
        ScrollMetrics scrollMetrics = new ScrollMetrics(
                metrics.counter("pagesRead"),
                metrics.counter("scrollRetries"),
                context.metricGroup().getIOMetricGroup().getNumBytesInCounter());
        return new QdrantSourceReader<>(config, deserializer, context, scrollMetrics,
                metrics.counter("pointsRead"), metrics.counter("splitsFinished"));
    }

    @Override
    public void start() {
        if (getNumberOfCurrentlyAssignedSplits() == 0) {
            context.sendSplitRequest();
        }
    }

    @Override
    protected void onSplitFinished(Map<String, QdrantSplitState> finishedSplitIds) {
        splitsFinished.inc(finishedSplitIds.size());
        // ranges come in batches: ask again only when the last one is done
        if (getNumberOfCurrentlyAssignedSplits() == 0) {
            context.sendSplitRequest();
        }
    }

    @Override
    protected QdrantSplitState initializedState(QdrantSplit split) {
        return new QdrantSplitState(split);
    }

    @Override
    protected QdrantSplit toSplitType(String splitId, QdrantSplitState state) {
        return state.toSplit();
    }
}
