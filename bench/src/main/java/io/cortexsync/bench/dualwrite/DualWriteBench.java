package io.cortexsync.bench.dualwrite;

import io.cortexsync.bench.BenchDirs;
import io.cortexsync.bench.BenchReport;
import io.cortexsync.bench.BenchSurreal;
import io.cortexsync.connector.dualwrite.commit.DualWriteCommittable;
import io.cortexsync.connector.dualwrite.commit.DualWriteCommittableSerializer;
import io.cortexsync.connector.dualwrite.commit.PendingChange;
import io.cortexsync.connector.qdrant.QdrantOptions;
import io.cortexsync.connector.qdrant.admin.QdrantCollectionAdmin;
import io.cortexsync.connector.qdrant.client.QdrantConnection;
import io.cortexsync.connector.qdrant.client.QdrantConnectionConfig;
import io.cortexsync.connector.surrealdb.SurrealOptions;
import io.cortexsync.jobs.common.SyncJob;
import io.cortexsync.jobs.common.SyncJobOptions;
import io.cortexsync.jobs.dualwrite.DualWriteJob;
import io.cortexsync.jobs.dualwrite.DualWriteJobOptions;
import io.cortexsync.jobs.events.EventOptions;
import io.cortexsync.jobs.events.KafkaTopics;
import io.cortexsync.schema.json.SchemaJson;
import io.cortexsync.schema.model.EntityChange;
import io.cortexsync.schema.model.SyncEvent;
import io.cortexsync.testkit.kafka.EmbeddedKafka;
import io.cortexsync.testkit.qdrant.QdrantTestServer;
import io.cortexsync.testkit.surrealdb.EmbeddedSurrealDb;

import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code bench.sh dual-write}: the dual-write job at saturation beside, in the same run, the two
 * sinks it writes through alone; then its latency from an application's send to the final event a
 * read_committed consumer reads, at a fixed rate, at checkpoint intervals of 1 s and 5 s, and the
 * checkpoint's bytes per entity.
 */
@Command(name = "dual-write", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Saturation: --entities EntityChange records (creates, --dim vectors) are on the input topic before the "
                    + "job (the real DualWriteJob on a MiniCluster in this JVM, checkpoints every second) starts; "
                    + "dual_write_entities_per_s counts from the first final event's time to the last. Beside it, each "
                    + "timed from its first entity to its end: dual_write_surreal_only_per_s (the SurrealSink writing "
                    + "the same entities) and dual_write_qdrant_only_per_s (the QdrantSink writing their points). "
                    + "dual_write_ratio = dual-write / (1 / (1/surreal only + 1/qdrant only)).",
            "Latency: a producer sends --rate changes/s for --latency-seconds; dual_write_latency_<n>s_p50_ms and "
                    + "_p99_ms run from the send to the final event being read by a read_committed consumer, at a "
                    + "checkpoint interval of n = 1 and 5 seconds. dual_write_checkpoint_bytes is what one change weighs in a "
                    + "checkpoint (its committable as the sink's serializer writes it); dual_write_checkpoint_bytes_<n>s "
                    + "is a checkpoint's committables at --rate and that interval."
        })
public final class DualWriteBench implements Callable<Integer> {

    private static final String TABLE = "bench_dw";

    @Spec
    CommandSpec spec;

    @Option(names = "--entities", defaultValue = "20000", description = "Entities of the saturation run (default: ${DEFAULT-VALUE}).")
    long entities;

    @Option(names = "--dim", defaultValue = "768", description = "Vector dimension (default: ${DEFAULT-VALUE}).")
    int dim;

    @Option(names = "--parallelism", defaultValue = "2", description = "Job parallelism (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--rate", defaultValue = "200", description = "Changes per second of the latency runs (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--latency-seconds", defaultValue = "20", description = "How long each latency run sends (default: ${DEFAULT-VALUE}).")
    int latencySeconds;

    private EmbeddedSurrealDb db;
    private QdrantTestServer qdrant;
    private EmbeddedKafka kafka;
    private Path work;

    @Override
    public Integer call() throws Exception {
        if (entities < 100 || rate < 1 || latencySeconds < 1 || parallelism < 1) {
            throw new ParameterException(spec.commandLine(), "--entities must be at least 100; --rate, --latency-seconds and --parallelism at least 1");
        }
        BenchReport report = new BenchReport(System.out);
        BenchDirs.inTempDirectory("bench-dual-write-", dir -> run(report, dir));
        report.processCpuSeconds("dual_write_bench_process_cpu_seconds");
        return 0;
    }

    private void run(BenchReport report, Path dir) throws Exception {
        work = dir;
        try (EmbeddedSurrealDb surreal = BenchSurreal.start(dir);
                QdrantTestServer points = QdrantTestServer.builder().port(0).build().start();
                EmbeddedKafka broker = EmbeddedKafka.builder().dataDir(dir.resolve("kafka")).build()) {
            broker.start();
            db = surreal;
            qdrant = points;
            kafka = broker;
            report.value("entities", entities);
            report.value("dim", dim);
            report.value("parallelism", parallelism);

            double surrealOnly = SinkAlone.surrealPerSecond(BenchSurreal.connection(db), "alone_surreal", entities, dim, parallelism);
            Configuration alone = config("alone_qdrant", "none", "none", Duration.ofSeconds(1));
            ensureCollection(alone);
            double qdrantOnly = SinkAlone.qdrantPerSecond(qdrantConnection(), "alone_qdrant", "alone_qdrant", entities, dim, parallelism);
            double saturated = saturation();
            report.value("dual_write_entities_per_s", saturated);
            report.value("dual_write_surreal_only_per_s", surrealOnly);
            report.value("dual_write_qdrant_only_per_s", qdrantOnly);
            report.value("dual_write_ratio", saturated / (1 / (1 / surrealOnly + 1 / qdrantOnly)));
            report.value("dual_write_checkpoint_bytes", checkpointBytesPerChange());

            for (int seconds : new int[] {1, 5}) {
                latency(report, seconds);
            }
        }
    }

    private double saturation() throws Exception {
        Configuration conf = config("dw_saturation", "dw-saturation-input", "dw-saturation-events", Duration.ofSeconds(1));
        prepare(conf, "dw-saturation-input");
        BenchEntities generated = new BenchEntities(TABLE, dim);
        try (KafkaProducer<String, String> producer = producer()) {
            for (long i = 0; i < entities; i++) {
                EntityChange change = EntityChange.upsert("sat-" + i, generated.entity(i, 1L), java.time.Instant.now());
                producer.send(new ProducerRecord<>("dw-saturation-input", change.recordId().canonical(), SchemaJson.ENTITY_CHANGE.writeString(change)));
            }
        }
        JobClient job = start(conf);
        try (KafkaConsumer<String, String> consumer = consumer("dw-saturation-events")) {
            // the final events' own times: from the first change answered to the last
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            long finals = 0;
            long first = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            while (finals < entities) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the saturation run answered " + finals + " of " + entities + " changes in 10 minutes");
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    SyncEvent event = SchemaJson.SYNC_EVENT.read(record.value());
                    if (event.type() != SyncEvent.Type.RETRYING) {
                        finals++;
                        first = Math.min(first, event.time().toEpochMilli());
                        last = Math.max(last, event.time().toEpochMilli());
                    }
                }
            }
            return (entities - 1) * 1000.0 / Math.max(1, last - first);
        } finally {
            job.cancel().get();
        }
    }

    /**
     * What one change weighs in a checkpoint: the committables of a checkpoint's changes, as the
     * sink's serializer writes them into the checkpoint, divided by the changes.
     */
    private double checkpointBytesPerChange() throws IOException {
        BenchEntities generated = new BenchEntities(TABLE, dim);
        List<PendingChange> changes = new ArrayList<>();
        for (long i = 0; i < 500; i++) {
            changes.add(new PendingChange(EntityChange.upsert(UUID.randomUUID().toString(), generated.entity(i, 1L),
                    java.time.Instant.now()), System.currentTimeMillis()));
        }
        byte[] bytes = new DualWriteCommittableSerializer().serialize(new DualWriteCommittable(UUID.randomUUID().toString(), 0, changes));
        return bytes.length / (double) changes.size();
    }

    private void latency(BenchReport report, int intervalSeconds) throws Exception {
        String input = "dw-latency-" + intervalSeconds + "-input";
        String events = "dw-latency-" + intervalSeconds + "-events";
        Configuration conf = config("dw_latency_" + intervalSeconds, input, events, Duration.ofSeconds(intervalSeconds));
        prepare(conf, input);
        JobClient job = start(conf);
        BenchEntities generated = new BenchEntities(TABLE, dim);
        Map<String, Long> sent = new ConcurrentHashMap<>();
        List<Long> latencies = new ArrayList<>();
        try (KafkaProducer<String, String> producer = producer(); KafkaConsumer<String, String> consumer = consumer(events)) {
            // a first change and its event: the job reads and commits before the timed changes start
            send(producer, input, generated, 0, "warm-up", sent);
            await(consumer, sent, latencies, System.nanoTime() + Duration.ofMinutes(3).toNanos());
            latencies.clear();
            long total = (long) rate * latencySeconds;
            long start = System.nanoTime();
            for (long i = 1; i <= total; i++) {
                long due = start + (long) (i * 1e9 / rate);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                send(producer, input, generated, i, "lat-" + intervalSeconds + "-" + i, sent);
                await(consumer, sent, latencies, 0);
            }
            double achieved = total * 1e9 / (System.nanoTime() - start);
            await(consumer, sent, latencies, System.nanoTime() + Duration.ofSeconds(60 + 3L * intervalSeconds).toNanos());
            if (!sent.isEmpty()) {
                throw new IllegalStateException(sent.size() + " of " + total + " changes had no final event within a minute of the last send");
            }
            long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            String prefix = "dual_write_latency_" + intervalSeconds + "s_";
            report.value(prefix + "rate_asked", rate);
            report.value(prefix + "rate_achieved", achieved);
            report.value(prefix + "p50_ms", sorted[sorted.length / 2]);
            report.value(prefix + "p99_ms", sorted[Math.min(sorted.length - 1, (int) (sorted.length * 0.99))]);
            report.value("dual_write_checkpoint_bytes_" + intervalSeconds + "s",
                    checkpointBytesPerChange() * rate * intervalSeconds);
        } finally {
            job.cancel().get();
        }
    }

    private static void send(KafkaProducer<String, String> producer, String topic, BenchEntities generated, long i, String requestId,
            Map<String, Long> sent) {
        EntityChange change = EntityChange.upsert(requestId, generated.entity(i, 1L), java.time.Instant.now());
        sent.put(requestId, System.nanoTime());
        producer.send(new ProducerRecord<>(topic, change.recordId().canonical(), SchemaJson.ENTITY_CHANGE.writeString(change)));
    }

    /** Reads final events until every sent change has one, or {@code deadlineNanos} passes (0: one poll only). */
    private static void await(KafkaConsumer<String, String> consumer, Map<String, Long> sent, List<Long> latencies, long deadlineNanos) {
        do {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(deadlineNanos == 0 ? 0 : 100))) {
                SyncEvent event = SchemaJson.SYNC_EVENT.read(record.value());
                Long sentAt = event.requestId() == null || event.type() == SyncEvent.Type.RETRYING ? null : sent.remove(event.requestId());
                if (sentAt != null) {
                    latencies.add((System.nanoTime() - sentAt) / 1_000_000);
                }
            }
        } while (deadlineNanos != 0 && !sent.isEmpty() && System.nanoTime() < deadlineNanos);
    }

    private Configuration config(String collection, String input, String events, Duration interval) throws IOException {
        Configuration conf = new Configuration();
        conf.set(SurrealOptions.URL, db.baseUrl());
        conf.set(SurrealOptions.NAMESPACE, BenchSurreal.NAMESPACE);
        conf.set(SurrealOptions.DATABASE, BenchSurreal.DATABASE);
        conf.set(SurrealOptions.USERNAME, BenchSurreal.USER);
        conf.set(SurrealOptions.PASSWORD, BenchSurreal.PASSWORD);
        conf.set(QdrantOptions.HOST, qdrant.host());
        conf.set(QdrantOptions.PORT, qdrant.port());
        conf.set(QdrantOptions.COLLECTION, collection);
        conf.set(QdrantOptions.COLLECTION_VECTOR_SIZE, dim);
        conf.set(SurrealOptions.SOURCE_TABLES, List.of(TABLE));
        conf.set(DualWriteJobOptions.INPUT_TOPIC, input);
        conf.setString(EventOptions.BOOTSTRAP_SERVERS_KEY, kafka.bootstrapServers());
        conf.set(EventOptions.EVENTS_TOPIC, events);
        conf.set(SyncJobOptions.SYNC_ID, "bench-" + collection);
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, interval);
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                Files.createDirectories(work.resolve("checkpoints").resolve(collection)).toUri().toString());
        conf.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
        return conf;
    }

    private void prepare(Configuration conf, String input) throws Exception {
        ensureCollection(conf);
        KafkaTopics.ensure(conf, Map.of(input, "input"));
    }

    private void ensureCollection(Configuration conf) {
        try (QdrantConnection connection = QdrantConnection.open(qdrantConnection())) {
            new QdrantCollectionAdmin(connection).ensureCollection(QdrantOptions.collectionSpec(conf));
        }
    }

    private QdrantConnectionConfig qdrantConnection() {
        return QdrantConnectionConfig.builder().host(qdrant.host()).port(qdrant.port()).build();
    }

    private static JobClient start(Configuration conf) throws Exception {
        DualWriteJob job = new DualWriteJob();
        job.validate(conf);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(SyncJob.flinkConfiguration(job, conf));
        job.build(env, conf);
        JobClient client = env.executeAsync(job.name(conf));
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (client.getJobStatus().get() != JobStatus.RUNNING) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the dual-write job did not run within 2 minutes: " + client.getJobStatus().get());
            }
            Thread.sleep(100);
        }
        return client;
    }

    private KafkaProducer<String, String> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    private KafkaConsumer<String, String> consumer(String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(Arrays.asList(topic));
        return consumer;
    }
}
