package io.cortexsync.jobs.events;

import io.cortexsync.schema.json.SchemaJson;
import io.cortexsync.schema.model.DeadLetter;
import io.cortexsync.schema.model.SyncEvent;
import io.cortexsync.schema.serialization.SchemaTypes;
import io.cortexsync.testkit.flink.MiniClusters;
import io.cortexsync.testkit.kafka.EmbeddedKafka;
import io.cortexsync.testkit.kafka.TopicReader;

import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event and dead-letter sinks in a checkpointed job on a MiniCluster, against a real broker: a
 * read_committed consumer sees every record exactly once, keyed by record id, as the JSON of
 * state-schemas, also when the job fails over between checkpoints.
 */
class SyncEventsKafkaITCase {

    private static final int EVENTS = 400;

    /** Every tenth change is dead-lettered, as a record the job could not sync. */
    private static final int DEAD_LETTER_EVERY = 10;

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = MiniClusters.withSlots(2);

    /** Set by the first failure, so the job fails exactly once across its restarts. */
    private static final AtomicBoolean FAILED = new AtomicBoolean();

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.builder().build();
        kafka.start();
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void everyEventAndDeadLetterIsCommittedOnceKeyedByRecordId() throws Exception {
        Configuration conf = jobConf("events-plain", "dead-letters-plain");
        assertThat(KafkaTopics.ensure(conf)).containsExactly("events-plain", "dead-letters-plain");

        run(conf, "sync-plain", false);

        List<ConsumerRecord<byte[], byte[]>> committed = read("events-plain", "read_committed");
        assertExactlyOnce(committed, "events-plain");
        assertDeadLettersExactlyOnce(read("dead-letters-plain", "read_committed"));
    }

    @Test
    void aFailoverBetweenCheckpointsShowsEachEventOnceToReadCommitted() throws Exception {
        Configuration conf = jobConf("events-failover", "dead-letters-failover");
        KafkaTopics.ensure(conf);
        FAILED.set(false);

        run(conf, "sync-failover", true);

        assertThat(FAILED).as("the job failed once").isTrue();
        List<ConsumerRecord<byte[], byte[]>> committed = read("events-failover", "read_committed");
        List<ConsumerRecord<byte[], byte[]>> uncommitted = read("events-failover", "read_uncommitted");
        System.out.printf("failover: read_committed saw %d events, read_uncommitted %d (of %d produced once)%n",
                committed.size(), uncommitted.size(), EVENTS);
        assertExactlyOnce(committed, "events-failover");
        assertThat(uncommitted.size()).as("read_uncommitted sees aborted writes too").isGreaterThanOrEqualTo(EVENTS);
        assertDeadLettersExactlyOnce(read("dead-letters-failover", "read_committed"));
    }

    private static Configuration jobConf(String eventsTopic, String deadLetterTopic) {
        Configuration conf = new Configuration();
        conf.set(EventOptions.EVENTS_TOPIC, eventsTopic);
        conf.set(EventOptions.DEAD_LETTER_TOPIC, deadLetterTopic);
        conf.set(EventOptions.TOPIC_PARTITIONS, 3);
        conf.setString(EventOptions.BOOTSTRAP_SERVERS_KEY, kafka.bootstrapServers());
        return conf;
    }

    private static void run(Configuration conf, String syncId, boolean failOnce) throws Exception {
        Configuration flink = new Configuration();
        flink.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        flink.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        flink.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(500));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
        env.setParallelism(2);
        env.enableCheckpointing(150);

        DataStream<Long> changes = env.fromSequence(1, EVENTS).map(new Throttle(failOnce)).name("changes");
        changes.filter(n -> n % DEAD_LETTER_EVERY != 0)
                .map(SyncEventsKafkaITCase::event).returns(SchemaTypes.SYNC_EVENT)
                .union(changes.filter(n -> n % DEAD_LETTER_EVERY == 0)
                        .map(SyncEventsKafkaITCase::deadLetterEvent).returns(SchemaTypes.SYNC_EVENT))
                .sinkTo(KafkaEventSinks.events(conf, syncId).orElseThrow()).name("events");
        changes.filter(n -> n % DEAD_LETTER_EVERY == 0)
                .map(SyncEventsKafkaITCase::deadLetter).returns(SchemaTypes.DEAD_LETTER)
                .sinkTo(KafkaEventSinks.deadLetters(conf, syncId).orElseThrow()).name("dead letters");

        JobClient job = env.executeAsync("events to Kafka");
        JobExecutionResult result = job.getJobExecutionResult().get(120, TimeUnit.SECONDS);
        assertThat(result.getJobID()).isEqualTo(job.getJobID());
    }

    static SyncEvent event(long n) {
        return SyncEvent.builder()
                .type(SyncEvent.Type.SYNCED)
                .entityId("doc:" + n)
                .requestId("req-" + n)
                .attempt(1)
                .latencyMs(n)
                .time(Instant.ofEpochSecond(1_800_000_000L, n))
                .build();
    }

    static SyncEvent deadLetterEvent(long n) {
        return SyncEvent.builder()
                .type(SyncEvent.Type.DEAD_LETTER)
                .entityId("doc:" + n)
                .requestId("req-" + n)
                .detail("dimension 3, expected 4")
                .attempt(1)
                .latencyMs(n)
                .time(Instant.ofEpochSecond(1_800_000_000L, n))
                .build();
    }

    static DeadLetter deadLetter(long n) {
        return DeadLetter.of("{\"id\":\"doc:" + n + "\",\"vector\":[1,2,3]}", "dimension 3, expected 4", "validate",
                "doc:" + n, Instant.ofEpochSecond(1_800_000_000L, n));
    }

    private static void assertExactlyOnce(List<ConsumerRecord<byte[], byte[]>> records, String topic) {
        Map<String, Long> countByKey = records.stream()
                .collect(Collectors.groupingBy(r -> new String(r.key(), StandardCharsets.UTF_8), TreeMap::new, Collectors.counting()));
        Map<String, Long> repeated = countByKey.entrySet().stream().filter(e -> e.getValue() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(repeated).as("%s: keys seen more than once (of %d records)", topic, records.size()).isEmpty();
        assertThat(records).as("%s: records seen by read_committed", topic).hasSize(EVENTS);
        for (ConsumerRecord<byte[], byte[]> record : records) {
            SyncEvent event = SchemaJson.SYNC_EVENT.read(record.value());
            long n = Long.parseLong(event.entityId().substring("doc:".length()));
            assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(event.entityId());
            assertThat(event).isEqualTo(n % DEAD_LETTER_EVERY == 0 ? deadLetterEvent(n) : event(n));
        }
    }

    private static void assertDeadLettersExactlyOnce(List<ConsumerRecord<byte[], byte[]>> records) {
        Map<String, DeadLetter> byKey = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            DeadLetter letter = SchemaJson.DEAD_LETTER.read(record.value());
            assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(letter.recordId());
            assertThat(byKey.put(letter.recordId(), letter)).as("dead letter %s seen twice", letter.recordId()).isNull();
        }
        assertThat(byKey).as("dead letters").hasSize(EVENTS / DEAD_LETTER_EVERY);
        byKey.forEach((id, letter) -> assertThat(letter).isEqualTo(deadLetter(Long.parseLong(id.substring(4)))));
    }

    /**
     * Everything in {@code topic} that a consumer with this isolation level sees, read up to the
     * end offsets: for read_committed the last stable offset, which stays behind a transaction
     * still open, so a transaction the restart did not abort shows as missing records.
     */
    private static List<ConsumerRecord<byte[], byte[]>> read(String topic, String isolation) {
        return TopicReader.readAll(kafka.bootstrapServers(), topic, isolation, READ_TIMEOUT);
    }

    /**
     * Slows the changes down so checkpoints fall between them; with {@code failOnce}, fails the job
     * once, after a checkpoint completed and before the next, so the open transaction is aborted.
     */
    private static final class Throttle implements MapFunction<Long, Long>, CheckpointListener {

        private static final long serialVersionUID = 1L;

        private final boolean failOnce;
        private transient boolean checkpointed;
        private transient int seen;

        Throttle(boolean failOnce) {
            this.failOnce = failOnce;
        }

        @Override
        public Long map(Long n) throws Exception {
            Thread.sleep(4);
            if (failOnce && checkpointed && ++seen > 20 && FAILED.compareAndSet(false, true)) {
                throw new IllegalStateException("failing once after change " + n);
            }
            return n;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            checkpointed = true;
        }
    }
}
