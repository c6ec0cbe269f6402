package io.cortexsync.cli.run;

import io.cortexsync.cli.CortexSyncCli;
import io.cortexsync.jobs.cdc.CdcJob;
import io.cortexsync.jobs.common.SyncJob;
import io.cortexsync.jobs.dualwrite.DualWriteJob;
import io.cortexsync.jobs.migrate.MigrateJob;
import io.cortexsync.jobs.reconcile.ReconcileJob;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What each job says of its exchanges before its graph exists ({@link SyncJob#exchangesRecords})
 * is what its graph shows: a local run starts its MiniCluster's network memory on that word.
 */
class JobExchangesTest {

    private static final List<String> STORES = List.of("--surreal-ns", "app", "--surreal-db", "main", "--table", "docs",
            "--collection", "docs");
    private static final int DIMENSION = 8;

    @Test
    void aMigrationChainsIntoOneTask() {
        Configuration conf = CortexSyncCli.parseMigrateOptions(args()).jobConfiguration(DIMENSION);

        assertSaysWhatItsGraphShows(new MigrateJob(), conf, false);
    }

    @Test
    void aMigrationsDryRunJoinsTwoOperatorsDeadLetters() {
        Configuration conf = CortexSyncCli.parseMigrateOptions(args("--dry-run")).jobConfiguration(DIMENSION);

        assertSaysWhatItsGraphShows(new MigrateJob(), conf, true);
    }

    @Test
    void aMigrationAtParallelismOneChainsToo() {
        Configuration conf = CortexSyncCli.parseMigrateOptions(args("--parallelism", "1")).jobConfiguration(DIMENSION);

        assertSaysWhatItsGraphShows(new MigrateJob(), conf, false);
    }

    @Test
    void cdcExchangesRecords() {
        Configuration conf = CortexSyncCli.parseCdcOptions(args()).jobConfiguration(DIMENSION);

        assertSaysWhatItsGraphShows(new CdcJob(), conf, true);
    }

    @Test
    void reconcileExchangesRecords() {
        assertSaysWhatItsGraphShows(new ReconcileJob(), CortexSyncCli.parseReconcileOptions(args()).jobConfiguration(DIMENSION), true);
        assertSaysWhatItsGraphShows(new ReconcileJob(),
                CortexSyncCli.parseReconcileOptions(args("--continuous")).jobConfiguration(DIMENSION), true);
    }

    @Test
    void dualWriteExchangesRecords() {
        Configuration conf = CortexSyncCli.parseDualWriteOptions(args("--kafka-bootstrap", "127.0.0.1:9092",
                "--input-topic", "changes")).jobConfiguration(DIMENSION);

        assertSaysWhatItsGraphShows(new DualWriteJob(), conf, true);
    }

    private static void assertSaysWhatItsGraphShows(SyncJob job, Configuration conf, boolean expected) {
        StreamExecutionEnvironment env = new StreamExecutionEnvironment(SyncJob.flinkConfiguration(job, conf));
        job.build(env, conf);
        boolean shown = LocalNetworkMemory.exchangesRecords(env.getStreamGraph());

        assertThat(shown).as("the graph of " + job.name(conf) + " exchanges records between tasks").isEqualTo(expected);
        assertThat(job.exchangesRecords(conf)).as(job.getClass().getSimpleName() + " says of its exchanges").isEqualTo(shown);
    }

    private static String[] args(String... more) {
        List<String> args = new ArrayList<>(STORES);
        args.addAll(List.of(more));
        return args.toArray(new String[0]);
    }
}
