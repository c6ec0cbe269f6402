package io.cortexsync.connector.qdrant.sink;

import io.cortexsync.connector.qdrant.client.QdrantConnection;
import io.cortexsync.connector.qdrant.client.QdrantConnectionConfig;
import io.cortexsync.connector.qdrant.convert.QdrantPointConverter;
import io.cortexsync.connector.qdrant.sink.internal.CollectionDimension;
import io.cortexsync.connector.qdrant.sink.internal.QdrantSinkWriter;
import io.cortexsync.connector.qdrant.sink.internal.WriteOutcomes;
import io.cortexsync.connector.qdrant.sink.internal.WriteSettings;

import org.apache.flink.annotation.Internal;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;

/**
 * A Flink sink that upserts and deletes Qdrant points in batches, several in flight, each
 * confirmed by Qdrant ({@code wait=true}) before it counts; everything buffered is confirmed
 * before each checkpoint completes. Writes are idempotent (point ids are derived from record ids),
 * so at-least-once delivery gives exactly-once results.
 *
 * <pre>{@code
 * QdrantSink<SyncEntity> sink = QdrantSink.<SyncEntity>builder()
 *         .setConnectionConfig(connection)
 *         .setCollectionName("docs")
 *         .setPointConverter(new SyncEntityPointConverter())
 *         .build();
 * }</pre>
 *
 * @param <T> the stream's element type
 */
@PublicEvolving
public final class QdrantSink<T> implements Sink<T> {

    private static final long serialVersionUID = 1L;

    private final QdrantConnectionConfig connection;
    private final String collection;
    private final QdrantPointConverter<T> converter;
    private final WriteSettings settings;
    private final QdrantSinkOutcomeListener deadLetters;

    QdrantSink(
            QdrantConnectionConfig connection,
            String collection,
            QdrantPointConverter<T> converter,
            WriteSettings settings,
            QdrantSinkOutcomeListener deadLetters) {
        this.connection = connection;
        this.collection = collection;
        this.converter = converter;
        this.settings = settings;
        this.deadLetters = deadLetters;
    }

    public static <T> QdrantSinkBuilder<T> builder() {
        return new QdrantSinkBuilder<>();
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        return createWriter(
                WriteOutcomes.NONE,
                context.getMailboxExecutor(),
                context.getProcessingTimeService(),
                context.metricGroup(),
                context.getTaskInfo().getIndexOfThisSubtask(),
                context.getTaskInfo().getNumberOfParallelSubtasks());
    }

    /** A writer that tells {@code outcomes} how each element's write ended: the confirming writer's. */
    @Internal
    public QdrantSinkWriter<T> createWriter(
            WriteOutcomes outcomes,
            MailboxExecutor mailbox,
            ProcessingTimeService timeService,
            SinkWriterMetricGroup metricGroup,
            int subtaskIndex,
            int parallelism) {
        QdrantConnection qdrant = QdrantConnection.open(connection);
        try {
            int dimension = CollectionDimension.of(qdrant, connection.toString(), collection);
            deadLetters.open(subtaskIndex, parallelism);
            return new QdrantSinkWriter<>(
                    qdrant,
                    connection.toString(),
                    collection,
                    dimension,
                    converter,
                    settings,
                    deadLetters,
                    outcomes,
                    mailbox,
                    timeService,
                    metricGroup);
        } catch (RuntimeException e) {
            qdrant.close();
            throw e;
        }
    }

    WriteSettings settings() {
        return settings;
    }

    QdrantConnectionConfig connection() {
        return connection;
    }

    String collection() {
        return collection;
    }
}
