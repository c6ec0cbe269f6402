package io.cortexsync.connector.dualwrite.client;

import io.cortexsync.schema.json.SchemaJson;
import io.cortexsync.schema.model.EntityChange;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Writes each change to the input topic as the job reads it: keyed by the canonical record id,
 * so that every change of one record lands in one partition in the order it was sent, with the
 * {@code EntityChange} JSON as the value. A change that cannot be written fails its future.
 */
final class ChangeProducer implements AutoCloseable {

    private final Producer<byte[], byte[]> producer;
    private final String topic;

    ChangeProducer(Producer<byte[], byte[]> producer, String topic) {
        this.producer = producer;
        this.topic = topic;
    }

    static ProducerRecord<byte[], byte[]> record(String topic, EntityChange change) {
        return new ProducerRecord<>(topic, change.recordId().canonical().getBytes(StandardCharsets.UTF_8),
                SchemaJson.ENTITY_CHANGE.write(change));
    }

    /**
     * Hands the change to the producer, which may block while it has no metadata or no buffer
     * ({@code max.block.ms}); a failure, now or once the producer gives up retrying, fails {@code
     * future}.
     */
    void send(EntityChange change, SyncFuture future) {
        try {
            producer.send(record(topic, change), (metadata, e) -> {
                if (e != null) {
                    future.completeExceptionally(notWritten(future, e));
                }
            });
        } catch (RuntimeException e) {
            future.completeExceptionally(notWritten(future, e));
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }

    /** Sends what was accepted, for up to {@code timeout}; what is left then fails its future. */
    void close(Duration timeout) {
        producer.close(timeout);
    }

    private DualWriteClientException notWritten(SyncFuture future, Exception cause) {
        // after the producer's retries it cannot know whether the broker kept the record
        return new DualWriteClientException(future.describe() + " could not be written to topic " + topic + ": "
                + cause + "; if the broker kept it before failing, the job applies it and its events carry the"
                + " request id", future.requestId(), cause);
    }
}
