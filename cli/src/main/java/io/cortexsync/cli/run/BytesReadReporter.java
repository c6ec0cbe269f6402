package io.cortexsync.cli.run;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The bytes each source of a local job has read ({@code numBytesIn}: the SurrealDB RPC responses,
 * the Qdrant scroll pages), for its report. Flink keeps these as metrics, not accumulators, and
 * drops them when the job ends; this reporter, installed in the local MiniCluster, keeps each
 * counter while it lives and its last count when its task closes, by job and operator name.
 */
public final class BytesReadReporter implements MetricReporter {

    /** The counters' name: Flink's per-operator input bytes. */
    static final String NUM_BYTES_IN = "numBytesIn";

    private static final ConcurrentMap<String, ConcurrentMap<Counter, String>> LIVE = new ConcurrentHashMap<>();
    private static final ConcurrentMap<String, ConcurrentMap<String, Long>> CLOSED = new ConcurrentHashMap<>();

    /** Installs the reporter in a local cluster's configuration. */
    public static void install(Configuration conf) {
        conf.setString("metrics.reporter.cortex-sync-bytes-read.factory.class", Factory.class.getName());
    }

    /** Bytes read by each operator of {@code jobId} that counts them, by operator name; sums its subtasks and attempts. */
    public static Map<String, Long> bytesRead(String jobId) {
        Map<String, Long> bytes = new TreeMap<>(CLOSED.getOrDefault(jobId, new ConcurrentHashMap<>()));
        LIVE.getOrDefault(jobId, new ConcurrentHashMap<>()).forEach((counter, operator) ->
                bytes.merge(operator, counter.getCount(), Long::sum));
        return bytes;
    }

    /** Forgets a job once its figures are read. */
    public static void forget(String jobId) {
        LIVE.remove(jobId);
        CLOSED.remove(jobId);
    }

    @Override
    public void open(MetricConfig config) {}

    @Override
    public void close() {}

    @Override
    public void notifyOfAddedMetric(Metric metric, String metricName, MetricGroup group) {
        String[] key = keyOf(metric, metricName, group);
        if (key != null) {
            LIVE.computeIfAbsent(key[0], job -> new ConcurrentHashMap<>()).put((Counter) metric, key[1]);
        }
    }

    @Override
    public void notifyOfRemovedMetric(Metric metric, String metricName, MetricGroup group) {
        String[] key = keyOf(metric, metricName, group);
        if (key == null) {
            return;
        }
        ConcurrentMap<Counter, String> live = LIVE.get(key[0]);
        if (live != null && live.remove(metric) != null) {
            CLOSED.computeIfAbsent(key[0], job -> new ConcurrentHashMap<>())
                    .merge(key[1], ((Counter) metric).getCount(), Long::sum);
        }
    }

    /** {job id, operator name} of an operator's input-bytes counter; null for any other metric. */
    private static String[] keyOf(Metric metric, String metricName, MetricGroup group) {
        if (!NUM_BYTES_IN.equals(metricName) || !(metric instanceof Counter)) {
            return null;
        }
        Map<String, String> variables = group.getAllVariables();
        String job = variables.get("<job_id>");
        String operator = variables.get("<operator_name>");
        return job == null || operator == null ? null : new String[] {job, operator};
    }

    /** Flink creates the reporter through this factory, found by its class name. */
    public static final class Factory implements MetricReporterFactory {
        @Override
        public MetricReporter createMetricReporter(Properties properties) {
            return new BytesReadReporter();
        }
    }
}
