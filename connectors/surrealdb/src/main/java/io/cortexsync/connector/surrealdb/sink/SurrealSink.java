package io.cortexsync.connector.surrealdb.sink;

import io.cortexsync.connector.surrealdb.client.SurrealClient;
import io.cortexsync.connector.surrealdb.client.SurrealConnectionConfig;
import io.cortexsync.connector.surrealdb.sink.internal.SurrealSinkWriter;
import io.cortexsync.connector.surrealdb.sink.internal.WriteSettings;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * A Flink sink that upserts and deletes SurrealDB records by id, in batches of one transaction
 * each, with an optional version guard. Everything buffered is written before each checkpoint
 * completes, and every write is idempotent: at-least-once delivery with exactly-once results.
 *
 * <p>Which failures are dead letters and which fail the job is decided by the error. When the
 * server answers a batch's transaction with an error in one specific statement, about the record
 * that statement writes (a value of the wrong type for a {@code SCHEMAFULL} table, a failed
 * {@code ASSERT}, a {@code UNIQUE} index clash, a value the engine refuses), the batch is written
 * again in halves, each its own transaction, halving again down to single records: every other
 * record is written and each record rejected alone becomes a {@code DEAD_LETTER} outcome with the
 * server's message, counted in the {@code deadLetters} metric. So are records that can never fit a
 * request or whose serializer failed. Errors of the whole request (refused credentials, anonymous
 * access, transport failures past their retries, HTTP errors), statement errors about access or a
 * missing namespace, database or table, time limits, and transaction conflicts past their retries
 * fail the job, which restarts from its last checkpoint.
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
@PublicEvolving
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
