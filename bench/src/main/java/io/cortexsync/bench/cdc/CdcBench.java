package io.cortexsync.bench.cdc;

import io.cortexsync.bench.BenchDirs;
import io.cortexsync.bench.BenchReport;
import io.cortexsync.bench.BenchSurreal;
import io.cortexsync.bench.surreal.BenchDataset;
import io.cortexsync.cli.CortexSyncCli;
import io.cortexsync.connector.qdrant.QdrantOptions;
import io.cortexsync.connector.qdrant.admin.QdrantCollectionAdmin;
import io.cortexsync.connector.qdrant.client.QdrantConnection;
import io.cortexsync.connector.qdrant.client.QdrantConnectionConfig;
import io.cortexsync.connector.surrealdb.admin.SurrealAdmin;
import io.cortexsync.connector.surrealdb.client.SurrealClient;
import io.cortexsync.connector.surrealdb.client.SurrealRecordId;
import io.cortexsync.schema.json.SchemaJson;
import io.cortexsync.schema.model.SyncEvent;
import io.cortexsync.testkit.kafka.EmbeddedKafka;
import io.cortexsync.testkit.kafka.TopicReader;
import io.cortexsync.testkit.qdrant.QdrantTestServer;
import io.cortexsync.testkit.surrealdb.EmbeddedSurrealDb;

import org.apache.flink.configuration.Configuration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * {@code bench.sh cdc}: the cdc job catching up on a backlog of changes beside, in the same run,
 * the rates of its two parts (the change feed read alone, the cdc job's Qdrant writes alone), and
 * its commit-to-Qdrant latency under a steady stream of writes.
 */
@Command(name = "cdc", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Catch-up: --changes changes (of every ten: six creates, three updates, one delete; "
                    + "--transaction-size changes per transaction, --writers threads) are committed to a table with a change feed while no job runs; "
                    + "then the real cdc job ('cortex-sync cdc' on a MiniCluster in this JVM) starts at "
                    + "--start versionstamp:N, N the feed's position before the writes, and is timed until its "
                    + "'synced' accumulator reaches --changes. cdc_changes_per_s counts from the run's start, its "
                    + "preflight and Flink's start-up INCLUDED (cdc_startup_seconds: start to the first point in "
                    + "Qdrant); cdc_changes_after_start_per_s leaves the start-up out. The parts, each its own Flink "
                    + "job, timed the same two ways: cdc_feed_read_per_s (the job's SurrealSource from the same "
                    + "versionstamp into a discarding sink) and cdc_sink_only_per_s (the same mix of changes generated "
                    + "in memory into the job's confirmed Qdrant writes). Each part runs before the cdc jobs and after "
                    + "them; the faster run is the reference. cdc_ratio = cdc / (1 / (1/feed read + 1/sink only)). "
                    + "The same catch-up with sync events on Kafka (embedded broker, --events-topic) gives "
                    + "cdc_events_changes_per_s and cdc_events_ratio.",
            "Steady: with the job following the feed (--start now, events on Kafka, the default poll interval), "
                    + "--steady-writers threads commit --steady-rate changes/s in all, --steady-transaction-size changes per "
                    + "transaction, for --steady-seconds; cdc_latency_p50_ms and "
                    + "cdc_latency_p99_ms are the SYNCED events' latency_ms: from the change's commit in SurrealDB "
                    + "(its versionstamp's millisecond) to Qdrant's confirmation. cdc_steady_write_changes_per_s is "
                    + "the rate the writer achieved. --steady-only skips the catch-up."
        })
public final class CdcBench implements Callable<Integer> {

    private static final String TABLE = "bench_cdc";
    private static final String PROBE_KEY = "probe";

    @Spec
    CommandSpec spec;

    @Option(names = "--changes", defaultValue = "100000", description = "Changes of the catch-up (default: ${DEFAULT-VALUE}).")
    long changes;

    @Option(names = "--dim", defaultValue = "768", description = "Vector dimension (default: ${DEFAULT-VALUE}).")
    int dim;

    @Option(names = "--parallelism", defaultValue = "2", description = "Job parallelism (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--writers", defaultValue = "2", description = "Threads committing the catch-up's changes (default: ${DEFAULT-VALUE}).")
    int writers;

    @Option(names = "--transaction-size", defaultValue = "10",
            description = "Changes per transaction of the catch-up's writers (default: ${DEFAULT-VALUE}).")
    int transactionSize;

    @Option(names = "--steady-rate", defaultValue = "500", description = "Changes per second of the steady writer (default: ${DEFAULT-VALUE}).")
    int steadyRate;

    @Option(names = "--steady-seconds", defaultValue = "30", description = "How long the steady writer writes (default: ${DEFAULT-VALUE}).")
    int steadySeconds;

    @Option(names = "--steady-writers", defaultValue = "4",
            description = "Threads sharing the steady rate (default: ${DEFAULT-VALUE}).")
    int steadyWriters;

    @Option(names = "--steady-transaction-size", defaultValue = "5",
            description = "Changes per transaction of the steady writers (default: ${DEFAULT-VALUE}): an application "
                    + "writing records one by one, or a few at once when one request cannot reach the rate.")
    int steadyTransactionSize;

    @Option(names = "--steady-only", description = "Only the steady part: no catch-up and no part rates.")
    boolean steadyOnly;

    @Override
    public Integer call() throws Exception {
        if (changes < 10 || writers < 1 || transactionSize < 1 || steadyRate < 1 || steadySeconds < 1 || steadyWriters < 1
                || steadyTransactionSize < 1) {
            throw new ParameterException(spec.commandLine(), "--changes must be at least 10; --writers, --transaction-size, "
                    + "--steady-rate, --steady-seconds, --steady-writers and --steady-transaction-size at least 1");
        }
        BenchReport report = new BenchReport(System.out);
        BenchDirs.inTempDirectory("bench-cdc-", work -> run(report, work));
        report.processCpuSeconds("cdc_bench_process_cpu_seconds");
        return 0;
    }

    private void run(BenchReport report, Path work) throws Exception {
        try (EmbeddedSurrealDb db = BenchSurreal.start(work);
                SurrealClient surreal = SurrealClient.create(BenchSurreal.connection(db));
                QdrantTestServer qdrant = QdrantTestServer.builder().port(0).build().start();
                EmbeddedKafka kafka = EmbeddedKafka.builder().dataDir(work.resolve("kafka")).build()) {
            kafka.start();
            Steps steps = new Steps(db, qdrant, kafka, work);
            report.value("changes", changes);
            report.value("dim", dim);
            report.value("parallelism", parallelism);
            report.value("transaction_size", transactionSize);

            surreal.query("DEFINE TABLE " + TABLE + " SCHEMALESS CHANGEFEED 1d", Map.of());
            if (steadyOnly) {
                steady(report, steps, surreal);
                return;
            }
            long position = new SurrealAdmin(surreal).currentVersionstamp(Duration.ofSeconds(60));
            long writeStart = System.nanoTime();
            long live = writeBacklog(steps);
            report.value("cdc_write_changes_per_s", changes * 1e9 / (System.nanoTime() - writeStart));
            report.value("cdc_records_after_writes", live);
            String start = "versionstamp:" + position;
            Duration timeout = Duration.ofSeconds(120 + changes / 100);

            PartRate feedBefore = FeedReadOnly.measure(steps.config(start, "bench_cdc_feed"), changes, timeout);
            PartRate sinkBefore = steps.sinkOnly();

            TimedCdcRun.CatchUp cdc = steps.catchUp(start, "bench_cdc_job", null, live, timeout);
            TimedCdcRun.CatchUp cdcEvents = steps.catchUp(start, "bench_cdc_events", "cdc-catchup-events", live, timeout);

            PartRate feedAfter = FeedReadOnly.measure(steps.config(start, "bench_cdc_feed"), changes, timeout);
            PartRate sinkAfter = steps.sinkOnly();
            PartRate feed = PartRate.faster(feedBefore, feedAfter);
            PartRate sink = PartRate.faster(sinkBefore, sinkAfter);

            report.value("cdc_feed_read_before_per_s", feedBefore.perSecond());
            report.value("cdc_feed_read_after_per_s", feedAfter.perSecond());
            report.value("cdc_feed_read_startup_seconds", feed.startupSeconds());
            report.value("cdc_feed_read_after_start_per_s", feed.afterStartPerSecond());
            report.value("cdc_feed_read_per_s", feed.perSecond());
            report.value("cdc_sink_only_before_per_s", sinkBefore.perSecond());
            report.value("cdc_sink_only_after_per_s", sinkAfter.perSecond());
            report.value("cdc_sink_only_startup_seconds", sink.startupSeconds());
            report.value("cdc_sink_only_after_start_per_s", sink.afterStartPerSecond());
            report.value("cdc_sink_only_per_s", sink.perSecond());
            double bound = 1 / (1 / feed.perSecond() + 1 / sink.perSecond());
            double boundAfterStart = 1 / (1 / feed.afterStartPerSecond() + 1 / sink.afterStartPerSecond());
            report.value("cdc_bound_per_s", bound);

            report.value("cdc_rate_includes_startup", "true");
            report.value("cdc_preflight_and_submit_seconds", (cdc.startedMs() - cdc.startMs()) / 1e3);
            report.value("cdc_startup_seconds", (cdc.firstPointMs() - cdc.startMs()) / 1e3);
            report.value("cdc_catchup_seconds", (cdc.lastSyncedMs() - cdc.startMs()) / 1e3);
            report.value("cdc_changes_after_start_per_s", cdc.afterStartPerSecond());
            report.value("cdc_after_start_ratio", cdc.afterStartPerSecond() / boundAfterStart);
            report.value("cdc_changes_per_s", cdc.perSecond());
            report.value("cdc_ratio", cdc.perSecond() / bound);

            report.value("cdc_events_startup_seconds", (cdcEvents.firstPointMs() - cdcEvents.startMs()) / 1e3);
            report.value("cdc_events_catchup_seconds", (cdcEvents.lastSyncedMs() - cdcEvents.startMs()) / 1e3);
            report.value("cdc_events_changes_after_start_per_s", cdcEvents.afterStartPerSecond());
            report.value("cdc_events_changes_per_s", cdcEvents.perSecond());
            report.value("cdc_events_ratio", cdcEvents.perSecond() / bound);

            steady(report, steps, surreal);
        }
    }

    /** Commits the backlog on {@link #writers} threads, each with keys of its own; returns the records left. */
    private long writeBacklog(Steps steps) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<Long>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                long share = changes / writers + (w < changes % writers ? 1 : 0);
                String prefix = "w" + w;
                done.add(pool.submit(() -> {
                    try (SurrealClient client = steps.surreal()) {
                        ChangeWriter writer = new ChangeWriter(client, TABLE, prefix, new BenchDataset(dim, 42));
                        while (writer.changes() < share) {
                            writer.next((int) Math.min(transactionSize, share - writer.changes()));
                        }
                        return writer.live();
                    }
                }));
            }
            long live = 0;
            for (Future<Long> f : done) {
                live += f.get(30, TimeUnit.MINUTES);
            }
            return live;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The job follows the feed from now on; a probe record is written until the job has synced it
     * (so the writer starts once the job reads the feed), then the writer keeps its pace for the
     * set time, and the job is stopped with a savepoint, which commits the last events.
     */
    private void steady(BenchReport report, Steps steps, SurrealClient surreal) throws Exception {
        String collection = "bench_cdc_steady";
        String topic = "cdc-steady-events";
        try (TimedCdcRun run = new TimedCdcRun(steps.args("now", collection, topic), steps.qdrantConfig(),
                steps.work.resolve("cdc-steady.log"))) {
            run.start();
            SurrealRecordId probe = SurrealRecordId.of(TABLE, PROBE_KEY);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            int probes = 0;
            // a probe written before the job found its start is never read: write another after a while
            while (run.synced() == 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the steady job synced no probe within 120 s");
                }
                surreal.query("UPSERT $id CONTENT $doc RETURN NONE",
                        Map.of("id", probe, "doc", new BenchDataset(dim, 5).content(probes++)));
                long next = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (run.synced() == 0 && System.nanoTime() < next) {
                    Thread.sleep(50);
                }
            }
            // the counters arrive every second: by now every probe that will be synced is counted
            Thread.sleep(3000);
            long probesSynced = run.synced();
            long total = (long) steadyRate * steadySeconds;
            Map<String, Integer> written = new TreeMap<>();
            double achieved = writeSteadily(steps, total, written);
            // bounded: a change the job missed must show as missing, not stop the bench
            long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (run.synced() < probesSynced + total && System.nanoTime() < waitUntil) {
                Thread.sleep(100);
            }
            run.stopWithSavepoint();

            List<Long> latencies = new ArrayList<>();
            Map<String, Integer> seen = new TreeMap<>();
            for (ConsumerRecord<byte[], byte[]> record
                    : TopicReader.readAll(steps.kafka.bootstrapServers(), topic, "read_committed", Duration.ofSeconds(120))) {
                SyncEvent event = SchemaJson.SYNC_EVENT.read(new String(record.value(), StandardCharsets.UTF_8));
                if (event.type() == SyncEvent.Type.SYNCED && !event.entityId().contains(PROBE_KEY)) {
                    latencies.add(event.latencyMs());
                    seen.merge(event.entityId(), 1, Integer::sum);
                }
            }
            // which records' changes have no event: printed for whoever looks into the job
            written.forEach((id, n) -> {
                int got = seen.getOrDefault(id, 0);
                if (got != n) {
                    System.err.println("steady: " + id + " had " + n + " changes committed and " + got + " SYNCED events");
                }
            });
            if (latencies.isEmpty()) {
                throw new IllegalStateException("steady: no SYNCED event of the writers' changes");
            }
            latencies.sort(null);
            report.value("cdc_steady_rate", steadyRate);
            report.value("cdc_steady_seconds", steadySeconds);
            report.value("cdc_steady_writers", steadyWriters);
            report.value("cdc_steady_transaction_size", steadyTransactionSize);
            report.value("cdc_steady_probes_synced", probesSynced);
            report.value("cdc_steady_write_changes_per_s", achieved);
            report.value("cdc_latency_events", latencies.size());
            report.value("cdc_steady_changes_missing", total - latencies.size());
            report.value("cdc_latency_p50_ms", percentile(latencies, 50));
            report.value("cdc_latency_p90_ms", percentile(latencies, 90));
            report.value("cdc_latency_p99_ms", percentile(latencies, 99));
            report.value("cdc_latency_max_ms", latencies.get(latencies.size() - 1));
            steps.dropCollection(collection);
        }
    }

    /**
     * Commits {@code total} changes at {@link #steadyRate} in all, change k due k / rate seconds
     * after the start, in transactions of {@link #steadyTransactionSize} on {@link #steadyWriters}
     * threads (thread t takes every transaction g with g mod threads = t, its own keys); a
     * transaction that falls behind its time is committed at once.
     * Returns the rate achieved.
     */
    private double writeSteadily(Steps steps, long total, Map<String, Integer> written) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(steadyWriters);
        try {
            long begin = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < steadyWriters; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    try (SurrealClient client = steps.surreal()) {
                        ChangeWriter writer = new ChangeWriter(client, TABLE, "s" + thread, new BenchDataset(dim, 43));
                        // transaction g holds changes g*size .. g*size+size-1 and is due with its first one
                        long transactions = (total + steadyTransactionSize - 1) / steadyTransactionSize;
                        for (long g = thread; g < transactions; g += steadyWriters) {
                            long first = g * steadyTransactionSize;
                            long wait = begin + first * 1_000_000_000L / steadyRate - System.nanoTime();
                            if (wait > 0) {
                                TimeUnit.NANOSECONDS.sleep(wait);
                            }
                            writer.next((int) Math.min(steadyTransactionSize, total - first));
                        }
                        synchronized (written) {
                            written.putAll(writer.perRecord());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(steadySeconds + 600L, TimeUnit.SECONDS);
            }
            return total * 1e9 / (System.nanoTime() - begin);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The nearest-rank percentile of sorted values. */
    private static long percentile(List<Long> sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    /** What every step shares: where the servers are and where files go. */
    private final class Steps {

        private final EmbeddedSurrealDb db;
        private final QdrantTestServer qdrant;
        private final EmbeddedKafka kafka;
        private final Path work;
        private int runs;

        Steps(EmbeddedSurrealDb db, QdrantTestServer qdrant, EmbeddedKafka kafka, Path work) {
            this.db = db;
            this.qdrant = qdrant;
            this.kafka = kafka;
            this.work = work;
        }

        SurrealClient surreal() {
            return SurrealClient.create(BenchSurreal.connection(db));
        }

        QdrantConnectionConfig qdrantConfig() {
            return QdrantConnectionConfig.builder().host(qdrant.host()).port(qdrant.port()).build();
        }

        /** The {@code cdc} command line of one step; each step has its own checkpoints and dead letters. */
        List<String> args(String start, String collection, String eventsTopic) throws Exception {
            Path files = Files.createDirectories(work.resolve("step-" + (++runs)));
            List<String> args = new ArrayList<>(List.of(
                    "--surreal-url", db.baseUrl(),
                    "--surreal-ns", BenchSurreal.NAMESPACE,
                    "--surreal-db", BenchSurreal.DATABASE,
                    "--surreal-user", BenchSurreal.USER,
                    "--surreal-pass", BenchSurreal.PASSWORD,
                    "--qdrant-host", qdrant.host(),
                    "--qdrant-port", String.valueOf(qdrant.port()),
                    "--table", TABLE,
                    "--collection", collection,
                    "--dim", String.valueOf(dim),
                    "--parallelism", String.valueOf(parallelism),
                    "--start", start,
                    "--checkpoint-dir", files.resolve("checkpoints").toString(),
                    "--dead-letter", files.resolve("dead-letter.jsonl").toString()));
            if (eventsTopic != null) {
                args.addAll(List.of("--kafka-bootstrap", kafka.bootstrapServers(), "--events-topic", eventsTopic));
            }
            return args;
        }

        /** The job configuration the cdc command would build for these options. */
        Configuration config(String start, String collection) throws Exception {
            return CortexSyncCli.parseCdcOptions(args(start, collection, null).toArray(new String[0])).jobConfiguration(dim);
        }

        TimedCdcRun.CatchUp catchUp(String start, String collection, String eventsTopic, long live, Duration timeout)
                throws Exception {
            TimedCdcRun.CatchUp result;
            try (TimedCdcRun run = new TimedCdcRun(args(start, collection, eventsTopic), qdrantConfig(),
                    work.resolve(collection + ".log"))) {
                result = run.catchUp(changes, timeout);
            }
            check(collection, count(collection), live);
            dropCollection(collection);
            return result;
        }

        PartRate sinkOnly() throws Exception {
            String collection = "bench_cdc_sink";
            Configuration config = config("now", collection);
            try (QdrantConnection admin = QdrantConnection.open(qdrantConfig())) {
                new QdrantCollectionAdmin(admin).ensureCollection(QdrantOptions.collectionSpec(config));
            }
            PartRate rate = SinkOnly.measure(config, changes, TABLE);
            // of every ten changes six create a record and one deletes one
            long live = 6 * (changes / 10) + Math.min(changes % 10, 6) - changes / 10;
            check("sink only", count(collection), live);
            dropCollection(collection);
            return rate;
        }

        long count(String collection) throws Exception {
            try (QdrantConnection admin = QdrantConnection.open(qdrantConfig())) {
                return admin.client().countAsync(collection).get(60, TimeUnit.SECONDS);
            }
        }

        /** The test server keeps points on the heap: a finished step's points must not weigh on the next. */
        void dropCollection(String collection) throws Exception {
            try (QdrantConnection admin = QdrantConnection.open(qdrantConfig())) {
                admin.client().deleteCollectionAsync(collection).get(30, TimeUnit.SECONDS);
            }
            System.gc();
        }
    }

    private static void check(String step, long actual, long expected) {
        if (actual != expected) {
            throw new IllegalStateException(step + ": " + actual + " points, expected " + expected);
        }
    }
}
