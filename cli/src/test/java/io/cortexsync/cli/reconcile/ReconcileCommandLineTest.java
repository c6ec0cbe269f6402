package io.cortexsync.cli.reconcile;

import io.cortexsync.cli.CortexSyncCli;
import io.cortexsync.connector.qdrant.QdrantOptions;
import io.cortexsync.connector.surrealdb.SurrealOptions;
import io.cortexsync.jobs.common.JobArguments;
import io.cortexsync.jobs.common.SyncJobOptions;
import io.cortexsync.jobs.events.EventOptions;
import io.cortexsync.jobs.reconcile.ReconcileJob;
import io.cortexsync.jobs.reconcile.ReconcileJobOptions;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The reconcile command line: its keys reaching the job, and checkpoints and savepoints of its own. */
class ReconcileCommandLineTest {

    private static final List<String> REQUIRED = List.of("--surreal-ns", "app", "--surreal-db", "main", "--table", "docs",
            "--collection", "docs");

    private static ReconcileOptions parse(String... more) {
        List<String> args = new ArrayList<>(REQUIRED);
        args.addAll(List.of(more));
        return CortexSyncCli.parseReconcileOptions(args.toArray(new String[0]));
    }

    @Test
    void theJobReadsItsKeysAndItsCheckpointsAreItsOwn() {
        ReconcileOptions options = parse("--continuous", "--cycle", "2min", "--grace", "5s", "--partitions", "64",
                "--repair", "--kafka-bootstrap", "127.0.0.1:9092", "--repairs-topic", "repairs",
                "--checkpoint-dir", "/tmp/cp", "--table", "notes");
        options.validate();
        Configuration conf = options.jobConfiguration(768);
        assertThat(conf.get(SurrealOptions.SOURCE_TABLES)).containsExactly("docs", "notes");
        assertThat(conf.get(QdrantOptions.COLLECTION_VECTOR_SIZE)).isEqualTo(768);
        assertThat(conf.get(ReconcileJobOptions.CONTINUOUS)).isTrue();
        assertThat(conf.get(ReconcileJobOptions.CYCLE)).isEqualTo(Duration.ofMinutes(2));
        assertThat(conf.get(ReconcileJobOptions.GRACE)).isEqualTo(Duration.ofSeconds(5));
        assertThat(conf.get(ReconcileJobOptions.PARTITIONS)).isEqualTo(64);
        assertThat(conf.get(ReconcileJobOptions.REPAIR)).isTrue();
        assertThat(conf.get(EventOptions.REPAIRS_TOPIC)).isEqualTo("repairs");
        assertThat(conf.get(SyncJobOptions.SYNC_ID)).isEqualTo(options.syncId());
        // a reconciliation's checkpoints are not a migration's or a cdc sync's of the same tables
        assertThat(options.syncId()).startsWith("reconcile-docs-");
        assertThat(conf.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY)).isEqualTo("file:///tmp/cp/" + options.syncId());
        assertThat(options.savepointUri()).isEqualTo("file:///tmp/cp/" + options.syncId() + "/savepoints");
        // what the job jar's main reads back is what the job validates
        new ReconcileJob().validate(JobArguments.parse(JobArguments.render(conf).toArray(new String[0])));
    }
}
