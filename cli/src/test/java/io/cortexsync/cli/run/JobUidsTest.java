package io.cortexsync.cli.run;

import io.cortexsync.cli.CortexSyncCli;
import io.cortexsync.cli.dualwrite.DualWriteCommandOptions;
import io.cortexsync.connector.dualwrite.DualWriteSink;
import io.cortexsync.jobs.cdc.CdcJob;
import io.cortexsync.jobs.common.SyncJob;
import io.cortexsync.jobs.dualwrite.DualWriteJob;
import io.cortexsync.jobs.migrate.MigrateJob;
import io.cortexsync.jobs.reconcile.ReconcileJob;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every operator of every job has a uid of its own, and the uids are these: a savepoint or a
 * retained checkpoint maps its state to operators by uid, so a uid that changes between builds
 * leaves state behind, and Flink refuses the restore. A new operator adds a line here; renaming
 * one needs a way for the old state to reach it.
 */
class JobUidsTest {

    private static final List<String> STORES = List.of("--surreal-ns", "app", "--surreal-db", "main", "--table", "docs",
            "--collection", "docs");
    private static final int DIMENSION = 8;
    private static final String[] KAFKA = {"--kafka-bootstrap", "127.0.0.1:9092"};

    @Test
    void migrate() {
        assertUids(new MigrateJob(), CortexSyncCli.parseMigrateOptions(args()).jobConfiguration(DIMENSION),
                "surrealdb-source", "to-sync-entity", "count-migrated", "qdrant-sink",
                "count-dead-letters", "dead-letter-files");
    }

    @Test
    void aMigrationsDryRunKeepsTheSinksUid() {
        assertUids(new MigrateJob(), CortexSyncCli.parseMigrateOptions(args("--dry-run")).jobConfiguration(DIMENSION),
                "surrealdb-source", "to-sync-entity", "dry-run-point-check", "count-migrated", "qdrant-sink",
                "count-dead-letters", "dead-letter-files");
    }

    @Test
    void cdc() {
        assertUids(new CdcJob(), CortexSyncCli.parseCdcOptions(args()).jobConfiguration(DIMENSION),
                "surrealdb-source", "to-entity-change", "qdrant-writes", "dead-letter-events", "count-sync-events",
                "sync-events-discarded", "count-dead-letters", "dead-letter-files", "count-finished-snapshots",
                "snapshot-pruning");
    }

    @Test
    void cdcWithItsTopics() {
        Configuration conf = CortexSyncCli.parseCdcOptions(args(KAFKA[0], KAFKA[1], "--events-topic", "events",
                "--dead-letter-topic", "dead")).jobConfiguration(DIMENSION);

        assertUids(new CdcJob(), conf,
                "surrealdb-source", "to-entity-change", "qdrant-writes", "dead-letter-events", "count-sync-events",
                "sync-events-topic", "Sink Committer: sync-events-topic", "count-dead-letters", "dead-letter-files",
                "dead-letter-topic", "Sink Committer: dead-letter-topic", "count-finished-snapshots", "snapshot-pruning");
    }

    @Test
    void reconcileOnce() {
        assertUids(new ReconcileJob(), CortexSyncCli.parseReconcileOptions(args()).jobConfiguration(DIMENSION),
                "surrealdb-source", "to-sync-entity", "unsyncable-records", "unsyncable-records-end", "source-elements",
                "qdrant-source", "target-elements", "partition-reconciler", "count-found", "finding-files");
    }

    @Test
    void reconcileContinuousWithRepairsAndTopics() {
        Configuration conf = CortexSyncCli.parseReconcileOptions(args("--continuous", "--repair", KAFKA[0], KAFKA[1],
                "--repairs-topic", "repairs", "--events-topic", "events")).jobConfiguration(DIMENSION);

        assertUids(new ReconcileJob(), conf,
                "surrealdb-source", "to-sync-entity", "source-elements", "snapshots-done-per-partition",
                "continuous-reconciler", "count-found", "finding-files", "repairs-topic", "Sink Committer: repairs-topic",
                "repair", "sync-events-topic", "Sink Committer: sync-events-topic");
    }

    @Test
    void dualWrite() {
        String[] args = args(KAFKA[0], KAFKA[1], "--input-topic", "changes");
        DualWriteCommandOptions options = CortexSyncCli.parseDualWriteOptions(args);
        // the Qdrant stage's uid holds the sync id, which names the sink's commit markers in SurrealDB too
        String stage = DualWriteSink.stageUid(options.syncId());

        assertUids(new DualWriteJob(), options.jobConfiguration(DIMENSION),
                "dual-write-input", "parse-entity-changes", "dual-write", "Sink Committer: dual-write",
                "dual-write: " + stage, "dual-write: " + stage + "-count", "dual-write: " + stage + "-discarded",
                "count-dead-letters", "dead-letter-files", "rejected-input-events-count", "rejected-input-events-discarded");
    }

    private static void assertUids(SyncJob job, Configuration conf, String... expected) {
        StreamExecutionEnvironment env = new StreamExecutionEnvironment(SyncJob.flinkConfiguration(job, conf));
        job.build(env, conf);
        Collection<StreamNode> operators = env.getStreamGraph().getStreamNodes();
        List<String> uids = new ArrayList<>();
        for (StreamNode operator : operators) {
            assertThat(operator.getTransformationUID()).as("the uid of '" + operator.getOperatorName() + "' in " + job.name(conf))
                    .isNotBlank();
            uids.add(operator.getTransformationUID());
        }

        assertThat(uids).as("the operators' uids of " + job.name(conf)).containsExactlyInAnyOrder(expected);
    }

    private static String[] args(String... more) {
        List<String> args = new ArrayList<>(STORES);
        args.addAll(List.of(more));
        return args.toArray(new String[0]);
    }
}
