package io.cortexsync.cli.cdc;

import io.cortexsync.cli.CortexSyncCli;
import io.cortexsync.cli.InvalidOptionException;
import io.cortexsync.cli.options.ConfigKeys;
import io.cortexsync.connector.qdrant.QdrantOptions;
import io.cortexsync.connector.surrealdb.SurrealOptions;
import io.cortexsync.connector.surrealdb.source.ExpiredPositionPolicy;
import io.cortexsync.connector.surrealdb.source.StartingMode;
import io.cortexsync.jobs.cdc.CdcJob;
import io.cortexsync.jobs.common.JobArguments;
import io.cortexsync.jobs.common.SyncJobOptions;
import io.cortexsync.jobs.events.EventOptions;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The cdc command line: the options every job shares, where it starts, validation naming the option, the job's keys. */
class CdcCommandLineTest {

    private static final List<String> REQUIRED = List.of("--surreal-ns", "app", "--surreal-db", "main", "--table", "docs", "--collection", "docs");

    private static CdcOptions parse(String... more) {
        List<String> args = new ArrayList<>(REQUIRED);
        args.addAll(List.of(more));
        return CortexSyncCli.parseCdcOptions(args.toArray(new String[0]));
    }

    @Test
    void startsWithASnapshotByDefaultAndReadsNowAndAVersionstamp() {
        assertThat(parse().start()).isEqualTo(StartPosition.SNAPSHOT);
        assertThat(parse("--start", "now").start().mode()).isEqualTo(StartingMode.CHANGES_FROM_NOW);
        StartPosition at = parse("--start", "versionstamp:123456").start();
        assertThat(at.mode()).isEqualTo(StartingMode.CHANGES_FROM_VERSIONSTAMP);
        assertThat(at.versionstamp()).hasValue(123456L);
        assertThat(at).hasToString("versionstamp:123456");
    }

    @Test
    void aWrongStartOrPolicyIsNamed() {
        for (String wrong : List.of("later", "versionstamp:", "versionstamp:-1", "versionstamp:x", "vs:1")) {
            assertThatThrownBy(() -> parse("--start", wrong)).hasMessageContaining("--start").hasMessageContaining(wrong);
        }
        assertThatThrownBy(() -> parse("--on-expired", "ignore").validate())
                .isInstanceOf(InvalidOptionException.class).hasMessageContaining("--on-expired");
        assertThatThrownBy(() -> parse("--poll-interval", "0ms").validate()).hasMessageContaining("--poll-interval");
        assertThatThrownBy(() -> parse("--stop-timeout", "10ms").validate()).hasMessageContaining("--stop-timeout");
        assertThatThrownBy(() -> CortexSyncCli.parseCdcOptions(new String[] {"--surreal-ns", "a", "--surreal-db", "b", "--collection", "c"}).validate())
                .hasMessageContaining("--table");
    }

    @Test
    void theJobReadsTheConnectorsKeysAndItsCheckpointsAreItsOwn() {
        CdcOptions options = parse("--start", "versionstamp:42", "--on-expired", "resnapshot", "--poll-interval", "50ms",
                "--batch-size", "128", "--checkpoint-dir", "/tmp/cp", "--table", "notes");
        options.validate();
        Configuration conf = options.jobConfiguration(768);
        assertThat(conf.get(SurrealOptions.SOURCE_TABLES)).containsExactly("docs", "notes");
        assertThat(conf.get(SurrealOptions.SOURCE_STARTING_MODE)).isEqualTo(StartingMode.CHANGES_FROM_VERSIONSTAMP);
        assertThat(conf.get(SurrealOptions.SOURCE_STARTING_VERSIONSTAMP)).isEqualTo(42L);
        assertThat(conf.get(SurrealOptions.SOURCE_EXPIRED_POSITION)).isEqualTo(ExpiredPositionPolicy.RESNAPSHOT);
        assertThat(conf.get(SurrealOptions.SOURCE_POLL_INTERVAL)).isEqualTo(Duration.ofMillis(50));
        assertThat(conf.get(QdrantOptions.COLLECTION_VECTOR_SIZE)).isEqualTo(768);
        assertThat(conf.get(QdrantOptions.SINK_BATCH_SIZE)).isEqualTo(128);
        assertThat(conf.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY)).isEqualTo("file:///tmp/cp/" + options.syncId());
        assertThat(options.savepointUri()).isEqualTo("file:///tmp/cp/" + options.syncId() + "/savepoints");
        // a cdc sync's checkpoints are not a migration's of the same tables
        assertThat(options.syncId()).startsWith("cdc-docs-");
        // what the job jar's main reads back is what the job validates
        new CdcJob().validate(JobArguments.parse(JobArguments.render(conf).toArray(new String[0])));
    }

    @Test
    void everyConfigKeyOfACdcOptionReachesTheJob() {
        CommandLine.Model.CommandSpec cdc = CortexSyncCli.commandLine(new String[0]).getSubcommands().get("cdc").getCommandSpec();
        Configuration conf = parse("--kafka-bootstrap", "127.0.0.1:9092", "--events-topic", "ev", "--dead-letter-topic", "dl",
                "--topic-partitions", "3", "--topic-replication", "1").jobConfiguration(4);
        int checked = 0;
        for (Map.Entry<String, String> entry : ConfigKeys.all().entrySet()) {
            if (cdc.findOption("--" + entry.getKey()) == null) {
                continue;
            }
            String key = entry.getValue();
            boolean optional = key.equals(SurrealOptions.USERNAME.key()) || key.equals(SurrealOptions.PASSWORD.key())
                    || key.equals(QdrantOptions.API_KEY.key());
            assertThat(optional || conf.containsKey(key)).as(key + " reaches the job").isTrue();
            checked++;
        }
        assertThat(checked).isGreaterThanOrEqualTo(24);
        new CdcJob().validate(conf);
    }

    @Test
    void deadLettersGoToTheFileUnlessTheTopicAloneIsAsked() {
        assertThat(parse("--kafka-bootstrap", "127.0.0.1:9092", "--dead-letter-topic", "dl").jobConfiguration(4)
                .getOptional(SyncJobOptions.DEAD_LETTER_DIR)).isPresent();
        CdcOptions topicOnly = parse("--kafka-bootstrap", "127.0.0.1:9092", "--dead-letter-topic", "dl", "--no-dead-letter-file");
        topicOnly.validate();
        Configuration conf = topicOnly.jobConfiguration(4);
        assertThat(conf.getOptional(SyncJobOptions.DEAD_LETTER_DIR)).isEmpty();
        assertThat(conf.get(EventOptions.DEAD_LETTER_TOPIC)).isEqualTo("dl");
        new CdcJob().validate(conf);
    }

    @Test
    void yamlMayCarryTheCdcOptions(@TempDir Path dir) throws Exception {
        Path yaml = dir.resolve("cdc.yaml");
        Files.writeString(yaml, String.join("\n", "start: now", "on-expired: resnapshot", "poll-interval: 1s", ""));
        CdcOptions options = parse("--config", yaml.toString());
        assertThat(options.start().mode()).isEqualTo(StartingMode.CHANGES_FROM_NOW);
        assertThat(options.expiredPositionPolicy()).isEqualTo(ExpiredPositionPolicy.RESNAPSHOT);
    }
}
