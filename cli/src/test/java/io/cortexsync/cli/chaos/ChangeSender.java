package io.cortexsync.cli.chaos;

import io.cortexsync.schema.ids.RecordId;
import io.cortexsync.schema.json.SchemaJson;
import io.cortexsync.schema.model.EntityChange;
import io.cortexsync.schema.model.SyncEntity;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends {@code dual-write} its input: upserts over {@link #KEYS} keys of a table, each key's
 * versions in order, about 40 a second, until closed. Only what the broker acknowledged counts:
 * its request id goes to {@code sent} and its version to {@code lastVersion}.
 */
public final class ChangeSender implements AutoCloseable {

    public static final int KEYS = 300;
    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger acknowledged = new AtomicInteger();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final KafkaProducer<String, String> producer;
    private final Thread thread;

    private ChangeSender(String bootstrap, String topic, String table, int dim, Map<String, Integer> sent,
            Map<String, Long> lastVersion) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
        thread = new Thread(() -> {
            for (int i = 0; running.get(); i++) {
                long version = i / KEYS + 1;
                EntityChange change = EntityChange.upsert(UUID.randomUUID().toString(),
                        entity(table, "k" + (i % KEYS), dim, version, i), T0);
                producer.send(new ProducerRecord<>(topic, change.recordId().canonical(), SchemaJson.ENTITY_CHANGE.writeString(change)),
                        (metadata, error) -> {
                            if (error != null) {
                                failure.set(error);
                            } else {
                                sent.put(change.requestId(), 1);
                                lastVersion.merge(change.recordId().canonical(), version, Math::max);
                                acknowledged.incrementAndGet();
                            }
                        });
                try {
                    Thread.sleep(25);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "change-sender-" + topic);
    }

    /** Starts sending to {@code topic}. */
    public static ChangeSender start(String bootstrap, String topic, String table, int dim, Map<String, Integer> sent,
            Map<String, Long> lastVersion) {
        ChangeSender sender = new ChangeSender(bootstrap, topic, table, dim, sent, lastVersion);
        sender.thread.start();
        return sender;
    }

    public int acknowledged() {
        return acknowledged.get();
    }

    private static SyncEntity entity(String table, String key, int dim, long version, int seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] vector = new float[dim];
        for (int d = 0; d < dim; d++) {
            vector[d] = (float) (random.nextDouble() * 2 - 1);
        }
        return SyncEntity.builder().id(RecordId.of(table, key)).vector(vector)
                .metadata(Map.of("title", "entity " + key, "seed", (long) seed))
                .timestamp(T0.plusMillis(seed)).workspaceId("ws-1").version(version).build();
    }

    /** Stops sending, flushes, and fails if a change could not be sent. */
    @Override
    public void close() throws InterruptedException {
        if (running.getAndSet(false)) {
            thread.join(30_000);
            producer.flush();
            producer.close(Duration.ofSeconds(30));
            if (failure.get() != null) {
                throw new AssertionError("a change could not be sent", failure.get());
            }
        }
    }
}
