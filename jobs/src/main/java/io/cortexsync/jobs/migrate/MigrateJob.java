package io.cortexsync.jobs.migrate;

import io.cortexsync.jobs.cli.CortexSyncCli;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The migration job's entry class on a Flink cluster (run through REST {@code /jars/<id>/run} with
 * the arguments of {@link MigrateOptions#toArgs()}): parses the options, builds the pipeline and
 * executes it. The client has run the preflight, created the collection and passed {@code --dim};
 * on a session cluster {@code execute()} returns at once (detached), so nothing here follows it.
 */
public final class MigrateJob {

    private MigrateJob() {}

    public static void main(String[] args) throws Exception {
        MigrateOptions options = CortexSyncCli.parseMigrateOptions(args);
        options.validate();
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(MigrationEnvironment.configuration(options, null));
        MigrationPipeline.build(env, options, options.dim());
        env.execute(MigrationEnvironment.jobName(options));
    }
}
