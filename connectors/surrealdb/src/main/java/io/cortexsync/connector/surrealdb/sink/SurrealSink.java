package io.cortexsync.connector.surrealdb.sink;

import io.cortexsync.connector.surrealdb.client.SurrealClient;
import io.cortexsync.connector.surrealdb.client.SurrealConnectionConfig;
import io.cortexsync.connector.surrealdb.sink.internal.SurrealSinkWriter;
import io.cortexsync.connector.surrealdb.sink.internal.WriteSettings;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * A Flink sink that upserts and deletes SurrealDB records by id, in batches of one transaction
 * each, with an optional version guard. Everything buffered is written before each checkpoint
 * completes, and every write is idempotent: at-least-once delivery with exactly-once results.
 *
 * <pre>{@code
 * SurrealSink<SyncEntity> sink = SurrealSink.<SyncEntity>builder()
 *         .setConnectionConfig(connection)
 *         .setRecordSerializer(new SyncEntityRecordSerializer())
 *         .setVersionGuard(true)
 *         .build();
 * }</pre>
 *
 * @param <T> the stream's element type
 */
public final class SurrealSink<T> implements Sink<T> {

    private static final long serialVersionUID = 1L;

    private final SurrealConnectionConfig connection;
    private final SurrealRecordSerializer<T> serializer;
    private final WriteSettings settings;
    private final SurrealSinkOutcomeListener listener;

    SurrealSink(
            SurrealConnectionConfig connection,
            SurrealRecordSerializer<T> serializer,
            WriteSettings settings,
            SurrealSinkOutcomeListener listener) {
        this.connection = connection;
        this.serializer = serializer;
        this.settings = settings;
        this.listener = listener;
    }

    public static <T> SurrealSinkBuilder<T> builder() {
        return new SurrealSinkBuilder<>();
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        return new SurrealSinkWriter<>(
                SurrealClient.create(connection),
                serializer,
                settings,
                listener,
                context.metricGroup(),
                context.getProcessingTimeService());
    }

    WriteSettings settings() {
        return settings;
    }

    SurrealConnectionConfig connection() {
        return connection;
    }
}
