package io.cortexsync.connector.surrealdb.source;

import io.cortexsync.connector.surrealdb.client.SurrealRecordId;
import io.cortexsync.connector.surrealdb.client.SurrealTestEngine;
import io.cortexsync.connector.surrealdb.source.changes.Versionstamps;
import io.cortexsync.connector.surrealdb.source.reader.SurrealSourceReader;
import io.cortexsync.connector.surrealdb.source.record.SurrealChange;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.groups.OperatorMetricGroup;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Records and bytes in, the versionstamp lag and the snapshot progress per table, as reported. */
@Timeout(300)
class SurrealSourceMetricsITCase {

    private static final InMemoryReporter REPORTER = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder()
                    .setConfiguration(REPORTER.addToConfiguration(new Configuration()))
                    .setNumberTaskManagers(1)
                    .setNumberSlotsPerTaskManager(2)
                    .build());

    @RegisterExtension
    static final SurrealTestEngine ENGINE = SurrealTestEngine.start("metrics", "metrics_it");

    @Test
    void reportsRecordsBytesLagAndSnapshotProgress() throws Exception {
        SourceTestData.defineChangeFeed(ENGINE.client(), "measured", "1h");
        SourceTestData.writeRecords(ENGINE.client(), "measured", 300, 1);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        SurrealSource<SurrealChange> source = SurrealSource.<SurrealChange>builder()
                .setConnectionConfig(ENGINE.config().build())
                .setTables("measured")
                .setChunkSize(100)
                .setPollInterval(Duration.ofMillis(100))
                .setVectorFields("v")
                .setDeserializer(SurrealRecordDeserializer.changes())
                .build();
        CloseableIterator<SurrealChange> collected =
                env.fromSource(source, WatermarkStrategy.noWatermarks(), "measured-source").collectAsync();
        JobClient job = env.executeAsync("metrics");
        try (CollectedOutput<SurrealChange> out = new CollectedOutput<>(collected)) {
            out.awaitUntil(records -> records.size() >= 300, Duration.ofSeconds(120), "the snapshot");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (true) {
                long recordsIn = 0;
                long bytesIn = 0;
                // one subtask holds the stream split and reports its lag; every other reports none
                List<Object> lags = new ArrayList<>();
                for (OperatorMetricGroup reader : REPORTER.findOperatorMetricGroups(job.getJobID(), "measured-source")) {
                    recordsIn += reader.getIOMetricGroup().getNumRecordsInCounter().getCount();
                    bytesIn += reader.getIOMetricGroup().getNumBytesInCounter().getCount();
                    Metric gauge = REPORTER.getMetricsByGroup(reader).get("currentVersionstampLagMs");
                    lags.add(gauge == null ? null : ((Gauge<?>) gauge).getValue());
                }
                List<Object> defined = new ArrayList<>(lags);
                defined.removeIf(value -> Long.valueOf(SurrealSourceReader.UNDEFINED_LAG).equals(value));
                Object lag = defined.size() == 1 ? defined.get(0) : null;
                Object total = enumeratorGauge("snapshotChunksTotal");
                Object finished = enumeratorGauge("snapshotChunksFinished");
                // the 300 records; the snapshot's SNAPSHOT_DONE marker is no record and is not counted
                if (recordsIn == 300 && bytesIn > 0 && Integer.valueOf(3).equals(total) && Integer.valueOf(3).equals(finished)
                        && lags.size() == 2 && lag instanceof Long && (Long) lag < 60_000) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("metrics never settled: numRecordsIn=" + recordsIn + ", numBytesIn=" + bytesIn
                            + ", chunks " + finished + "/" + total + ", lags of the readers=" + lags);
                }
                Thread.sleep(200); // metrics are polled: nothing to wait on
            }
            job.cancel().get(30, TimeUnit.SECONDS);
        }
    }

    /**
     * A reader at the end of the feed of a quiet database has nothing late: its lag stays 0 however
     * long ago the last write was. A reader behind the feed reports how old its position is.
     */
    @Test
    void aCaughtUpReaderOnAQuietDatabaseReportsNoLagAndAReaderBehindDoes() throws Exception {
        SourceTestData.defineChangeFeed(ENGINE.client(), "quiet", "1h");
        long writtenFrom = System.currentTimeMillis();
        for (int i = 0; i < 150; i++) {
            ENGINE.client().query("CREATE $id SET v = [1.0]", Map.of("id", SurrealRecordId.of("quiet", (long) i)));
        }
        // A change younger than the hold-back is not passed on yet, and a reader that waits for one
        // is caught up (lag 0), not behind: the changes must be older than that before it reads them.
        Duration holdBack = Duration.ofMillis(250);
        Thread.sleep(2 * holdBack.toMillis());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        Duration poll = Duration.ofMillis(100);
        SurrealSource<SurrealChange> source = SurrealSource.<SurrealChange>builder()
                .setConnectionConfig(ENGINE.config().build())
                .setTables("quiet")
                .setStartingVersionstamp(Versionstamps.ofMillis(writtenFrom))
                .setChangesPageSize(1)
                .setPollInterval(poll)
                .setLateCommitHoldBack(holdBack)
                .setVectorFields("v")
                .setDeserializer(SurrealRecordDeserializer.changes())
                .build();
        CloseableIterator<SurrealChange> collected = env.fromSource(source, WatermarkStrategy.noWatermarks(), "quiet-source")
                .map(change -> {
                    Thread.sleep(20); // a slow consumer keeps the reader behind the feed for a few seconds
                    return change;
                }).returns(io.cortexsync.connector.surrealdb.source.record.SurrealChangeSerializer.TYPE_INFO)
                .collectAsync();
        JobClient job = env.executeAsync("lag");
        try (CollectedOutput<SurrealChange> out = new CollectedOutput<>(collected)) {
            List<Long> behind = new ArrayList<>();
            while (out.snapshot().size() < 100) {
                Long lag = lag(job);
                if (lag != null && lag != SurrealSourceReader.UNDEFINED_LAG) {
                    behind.add(lag);
                }
                if (out.ended()) {
                    throw new AssertionError("the job ended: " + out.failure());
                }
                Thread.sleep(50); // metrics are polled: nothing to wait on
            }
            assertThat(behind).as("lag while behind the feed").isNotEmpty().allMatch(lag -> lag > 0);
            out.awaitUntil(records -> records.size() >= 150, Duration.ofSeconds(120), "the end of the feed");
            long quietSince = System.currentTimeMillis();
            List<Long> quiet = new ArrayList<>();
            long deadline = quietSince + 60_000;
            // caught up, then quiet for well over two poll intervals: every reading must be 0
            while (System.currentTimeMillis() - quietSince < 10 * poll.toMillis() || quiet.size() < 10) {
                Long lag = lag(job);
                if (lag != null && (lag == 0 || !quiet.isEmpty())) {
                    quiet.add(lag);
                }
                if (System.currentTimeMillis() > deadline) {
                    throw new AssertionError("never caught up: lag readings " + quiet + ", behind " + behind);
                }
                Thread.sleep(50); // metrics are polled: nothing to wait on
            }
            assertThat(quiet).as("lag of a caught-up reader on a quiet database (behind it read %s)", behind)
                    .allMatch(lag -> lag == 0);
            job.cancel().get(30, TimeUnit.SECONDS);
        }
    }

    private static Long lag(JobClient job) {
        for (OperatorMetricGroup reader : REPORTER.findOperatorMetricGroups(job.getJobID(), "quiet-source")) {
            Metric gauge = REPORTER.getMetricsByGroup(reader).get("currentVersionstampLagMs");
            if (gauge != null) {
                return (Long) ((Gauge<?>) gauge).getValue();
            }
        }
        return null;
    }

    /** A gauge of the enumerator's metric group for table {@code measured}. */
    private static Object enumeratorGauge(String name) {
        for (Map.Entry<MetricGroup, Map<String, Metric>> group : REPORTER.getMetricsByGroup().entrySet()) {
            Metric metric = group.getValue().get(name);
            if (metric instanceof Gauge && group.getKey().getMetricIdentifier(name).contains("table.measured.")) {
                return ((Gauge<?>) metric).getValue();
            }
        }
        return null;
    }
}
