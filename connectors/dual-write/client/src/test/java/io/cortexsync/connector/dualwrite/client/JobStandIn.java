package io.cortexsync.connector.dualwrite.client;

import io.cortexsync.schema.json.SchemaJson;
import io.cortexsync.schema.model.EntityChange;
import io.cortexsync.schema.model.SyncEvent;

import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The tests' stand-in for the dual-write job, until a test runs the client against the real job:
 * a real consumer of the input topic (read_committed) and a transactional producer to the events
 * topic that answers each change with the steps its plan gives, one Kafka transaction per step,
 * keyed by the canonical record id as the job's events are. It answers changes one at a time, in
 * the order it reads them.
 */
final class JobStandIn implements AutoCloseable {

    /** One thing the stand-in does for a change. */
    record Step(Kind kind, SyncEvent.Type type, String detail, CountDownLatch latch) {
        enum Kind { COMMIT, ABORT, FOREIGN, HOLD }
    }

    /** An event of the change, committed. */
    static Step commit(SyncEvent.Type type, String detail) {
        return new Step(Step.Kind.COMMIT, type, detail, null);
    }

    /** An event of the change written in a transaction that is then aborted. */
    static Step abort(SyncEvent.Type type, String detail) {
        return new Step(Step.Kind.ABORT, type, detail, null);
    }

    /** A committed event for the change's record but with a request id no client sent. */
    static Step foreign(SyncEvent.Type type) {
        return new Step(Step.Kind.FOREIGN, type, "foreign", null);
    }

    /** Waits, up to a minute, until the test opens {@code latch}. */
    static Step hold(CountDownLatch latch) {
        return new Step(Step.Kind.HOLD, null, null, latch);
    }

    private final KafkaConsumer<byte[], byte[]> input;
    private final KafkaProducer<byte[], byte[]> events;
    private final String eventsTopic;
    private final Function<EntityChange, List<Step>> plan;
    private final List<EntityChange> received = new CopyOnWriteArrayList<>();
    private final List<String> foreignRequestIds = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Throwable failure;

    private JobStandIn(String bootstrapServers, String inputTopic, String eventsTopic, Function<EntityChange, List<Step>> plan) {
        this.eventsTopic = eventsTopic;
        this.plan = plan;
        Properties consumerProps = new Properties();
        consumerProps.setProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        consumerProps.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumerProps.setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        input = new KafkaConsumer<>(consumerProps, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = input.partitionsFor(inputTopic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(inputTopic, p.partition())).toList();
        input.assign(partitions);
        input.seekToBeginning(partitions);

        Properties producerProps = new Properties();
        producerProps.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        producerProps.setProperty(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "job-stand-in-" + UUID.randomUUID());
        events = new KafkaProducer<>(producerProps, new ByteArraySerializer(), new ByteArraySerializer());
        events.initTransactions();
        thread = new Thread(this::run, "job-stand-in");
        thread.setDaemon(true);
    }

    static JobStandIn start(String bootstrapServers, String inputTopic, String eventsTopic,
            Function<EntityChange, List<Step>> plan) {
        JobStandIn standIn = new JobStandIn(bootstrapServers, inputTopic, eventsTopic, plan);
        standIn.thread.start();
        return standIn;
    }

    /** The changes read so far, in the order answered. */
    List<EntityChange> received() {
        return received;
    }

    /** The request ids of the {@link #foreign} events written so far. */
    List<String> foreignRequestIds() {
        return foreignRequestIds;
    }

    /** Writes one committed event as a job would, outside any plan (e.g. before a client starts). */
    void publish(SyncEvent event) {
        events.beginTransaction();
        events.send(record(event));
        events.commitTransaction();
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : input.poll(Duration.ofMillis(100))) {
                    EntityChange change = SchemaJson.ENTITY_CHANGE.read(record.value());
                    received.add(change);
                    for (Step step : plan.apply(change)) {
                        perform(step, change);
                    }
                }
            }
        } catch (WakeupException e) {
            // close() asked
        } catch (Throwable e) {
            failure = e;
        }
    }

    private void perform(Step step, EntityChange change) throws InterruptedException {
        switch (step.kind()) {
            case HOLD:
                if (!step.latch().await(1, TimeUnit.MINUTES)) {
                    throw new AssertionError("the test did not release the change " + change + " within a minute");
                }
                return;
            case FOREIGN:
                String foreign = "foreign-" + UUID.randomUUID();
                foreignRequestIds.add(foreign);
                publishOne(event(change, foreign, step), true);
                return;
            default:
                publishOne(event(change, change.requestId(), step), step.kind() == Step.Kind.COMMIT);
        }
    }

    private void publishOne(SyncEvent event, boolean commit) {
        events.beginTransaction();
        events.send(record(event));
        if (commit) {
            events.commitTransaction();
        } else {
            events.flush();
            events.abortTransaction();
        }
    }

    private ProducerRecord<byte[], byte[]> record(SyncEvent event) {
        byte[] key = event.entityId() == null ? null : event.entityId().getBytes(StandardCharsets.UTF_8);
        return new ProducerRecord<>(eventsTopic, key, SchemaJson.SYNC_EVENT.write(event));
    }

    private static SyncEvent event(EntityChange change, String requestId, Step step) {
        return SyncEvent.builder()
                .type(step.type())
                .entityId(change.recordId().canonical())
                .requestId(requestId)
                .detail(step.detail())
                .attempt(1)
                .latencyMs(Math.max(0, Duration.between(change.time(), Instant.now()).toMillis()))
                .time(Instant.now())
                .build();
    }

    /** Stops answering; rethrows what went wrong while answering, so that a test cannot pass over it. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        input.wakeup();
        thread.join(TimeUnit.SECONDS.toMillis(30));
        input.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        events.close(Duration.ofSeconds(5));
        if (failure != null) {
            throw new AssertionError("the job stand-in failed", failure);
        }
    }
}
