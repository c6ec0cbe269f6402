package io.cortexsync.cli.dualwrite;

import io.cortexsync.cli.migrate.MigrationTestStores;
import io.cortexsync.cli.run.StreamingTestRun;
import io.cortexsync.schema.json.SchemaJson;
import io.cortexsync.schema.model.SyncEvent;
import io.cortexsync.testkit.kafka.EmbeddedKafka;
import io.cortexsync.testkit.kafka.TopicReader;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * What the dual-write tests share, registered as a static extension of a test class: the stores
 * and a Kafka broker for all its tests, a run's arguments, and reading its events topic.
 */
final class DualWriteTestSupport implements BeforeAllCallback, AfterAllCallback {

    private final String name;
    private MigrationTestStores stores;
    private EmbeddedKafka kafka;

    /** The stores keep their data under a directory named after {@code name}. */
    DualWriteTestSupport(String name) {
        this.name = name;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        stores = MigrationTestStores.start(name);
        kafka = EmbeddedKafka.builder().build();
        kafka.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            if (kafka != null) {
                kafka.close();
            }
        } finally {
            if (stores != null) {
                stores.close();
            }
        }
    }

    MigrationTestStores stores() {
        return stores;
    }

    EmbeddedKafka kafka() {
        return kafka;
    }

    List<String> args(String ns, String collection, Path dir, String input, String events) {
        List<String> args = new ArrayList<>(stores.args(ns, collection, DualWriteEndToEndITCase.TABLE));
        args.addAll(List.of("--dim", String.valueOf(DualWriteEndToEndITCase.DIM), "--checkpoint-dir", dir.resolve("cp").toString(),
                "--checkpoint-interval", "1s", "--dead-letter", dir.resolve("dead.jsonl").toString(),
                "--kafka-bootstrap", kafka.bootstrapServers(), "--input-topic", input, "--events-topic", events,
                "--topic-partitions", "3"));
        return args;
    }

    List<SyncEvent> events(String topic) {
        List<SyncEvent> events = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : TopicReader.readAll(kafka.bootstrapServers(), topic, "read_committed", Duration.ofSeconds(60))) {
            events.add(SchemaJson.SYNC_EVENT.read(new String(record.value(), StandardCharsets.UTF_8)));
        }
        return events;
    }

    List<SyncEvent> awaitFinalEvents(String topic, int count, StreamingTestRun run, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<SyncEvent> finals = List.of();
        while (System.nanoTime() < deadline && !run.ended()) {
            finals = events(topic).stream().filter(e -> e.type() != SyncEvent.Type.RETRYING).collect(Collectors.toList());
            if (finals.size() >= count) {
                return finals;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("expected " + count + " final events within " + seconds + " s, read " + finals.size()
                + "; the run printed:\n" + run.printed());
    }

    /** Waits until the run printed that its job runs (the topics exist then). */
    void awaitRunning(StreamingTestRun run) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!run.printed().contains("is running")) {
            if (System.nanoTime() > deadline || run.ended()) {
                throw new AssertionError("the job did not start within 120 s; the run printed:\n" + run.printed());
            }
            Thread.sleep(200);
        }
    }
}
