package io.cortexsync.jobs.cluster;

import io.cortexsync.jobs.cli.CortexSyncCli;
import io.cortexsync.jobs.migrate.MigrateOptions;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClusterJobArgsTest {

    private static final String[] GIVEN = {
        "--surreal-ns", "ns", "--surreal-db", "db", "--table", "docs", "--collection", "docs",
        "--resume", "--verify", "--web-ui", "--checkpoint-interval", "5s", "--parallelism", "3"
    };

    @Test
    void clientSideStepsAreLeftOutAndTheFoundDimensionIsWrittenIn() {
        MigrateOptions options = CortexSyncCli.parseMigrateOptions(GIVEN);

        List<String> args = ClusterJobArgs.of(options, 384);

        assertThat(args).containsSubsequence("--dim", "384")
                .contains("--no-resume", "--no-verify", "--no-web-ui")
                .doesNotContain("--resume", "--verify", "--web-ui");
    }

    @Test
    void theJobParsesTheArgumentsBackToTheSameMigration() {
        MigrateOptions options = CortexSyncCli.parseMigrateOptions(GIVEN);

        MigrateOptions onCluster = CortexSyncCli.parseMigrateOptions(ClusterJobArgs.of(options, 384).toArray(new String[0]));

        assertThat(onCluster.migrationId()).isEqualTo(options.migrationId());
        assertThat(onCluster.checkpointUri()).isEqualTo(options.checkpointUri());
        assertThat(onCluster.dim()).isEqualTo(384);
        assertThat(onCluster.parallelism()).isEqualTo(3);
        assertThat(onCluster.checkpointInterval()).isEqualTo(options.checkpointInterval());
        assertThat(onCluster.resume()).isFalse();
        assertThat(onCluster.verify()).isFalse();
    }
}
