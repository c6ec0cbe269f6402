package io.cortexsync.jobs.common;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * A cortex-sync job as its main and the command line's runners see it: a name and a graph built
 * from a configuration of the connectors' keys and the job's own. The same definition runs in a
 * MiniCluster (the command line builds the graph in its JVM) and on a cluster (the job jar's main
 * reads the configuration from its arguments, see {@link JobArguments}).
 */
public interface SyncJob {

    /** What every cortex-sync job's name starts with, so that a cluster's jobs of this project can be told apart. */
    String NAME_PREFIX = "cortex-sync ";

    /** The job's name on the dashboard; starts with {@link #NAME_PREFIX}. */
    String name(ReadableConfig config);

    /** The class whose {@code main} runs this job from the job jar. */
    default String mainClass() {
        return getClass().getName();
    }

    /** Checks the configuration before anything runs; fails naming the key at fault. */
    void validate(ReadableConfig config);

    /** Flink's settings for this job, on top of {@link JobEnvironment#defaults()}. */
    default Configuration environment(ReadableConfig config) {
        return JobEnvironment.defaults();
    }

    /**
     * Flink's configuration of a run of {@code job}: its environment, with Flink's own keys of {@code
     * config} over it, and its savepoints next to its checkpoints (see {@link JobEnvironment#withSavepointDirectory}).
     */
    static Configuration flinkConfiguration(SyncJob job, ReadableConfig config) {
        Configuration flink = job.environment(config);
        flink.addAll(JobEnvironment.flinkKeysOf(config));
        return JobEnvironment.withSavepointDirectory(flink);
    }

    /**
     * Whether records of this job cross from one task to another with {@code config}: a keyBy, a
     * union of two operators' outputs, a change of parallelism. A local run starts its MiniCluster
     * before the job's graph exists and gives it a small network pool when they do not; the graph
     * is checked at submission, where a wrong answer costs the start of another cluster, not the
     * job. True unless the job knows better.
     */
    default boolean exchangesRecords(ReadableConfig config) {
        return true;
    }

    /** Adds the job's sources, operators and sinks to {@code env}. */
    void build(StreamExecutionEnvironment env, ReadableConfig config);

    /**
     * Runs {@code job} as a main does on a cluster: the configuration from {@code args}, Flink's
     * own keys among it applied to the environment, the graph built and executed.
     */
    static void main(SyncJob job, String[] args) throws Exception {
        Configuration config = JobArguments.parse(args);
        job.validate(config);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flinkConfiguration(job, config));
        job.build(env, config);
        env.execute(job.name(config));
    }
}
