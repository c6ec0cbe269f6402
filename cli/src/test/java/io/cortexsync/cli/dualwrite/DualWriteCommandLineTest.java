package io.cortexsync.cli.dualwrite;

import io.cortexsync.cli.CortexSyncCli;
import io.cortexsync.cli.InvalidOptionException;
import io.cortexsync.cli.options.ConfigKeys;
import io.cortexsync.connector.dualwrite.ConflictPolicy;
import io.cortexsync.connector.dualwrite.DualWriteOptions;
import io.cortexsync.connector.qdrant.QdrantOptions;
import io.cortexsync.connector.surrealdb.SurrealOptions;
import io.cortexsync.jobs.common.JobArguments;
import io.cortexsync.jobs.common.SyncJobOptions;
import io.cortexsync.jobs.dualwrite.DualWriteJob;
import io.cortexsync.jobs.dualwrite.DualWriteJobOptions;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The dual-write command line: its own options, validation naming the option, and every key reaching the job. */
class DualWriteCommandLineTest {

    private static final List<String> REQUIRED = List.of("--surreal-ns", "app", "--surreal-db", "main", "--table", "docs",
            "--collection", "docs", "--kafka-bootstrap", "127.0.0.1:9092", "--input-topic", "changes");

    private static DualWriteCommandOptions parse(String... more) {
        List<String> args = new ArrayList<>(REQUIRED);
        args.addAll(List.of(more));
        return CortexSyncCli.parseDualWriteOptions(args.toArray(new String[0]));
    }

    @Test
    void theJobReadsItsKeysAndTheConnectorsAndValidatesThem() {
        DualWriteCommandOptions options = parse("--conflict", "timestamp", "--consumer-group", "replay-1", "--table", "notes",
                "--checkpoint-dir", "/tmp/cp");
        options.validate();
        Configuration conf = options.jobConfiguration(768);
        assertThat(conf.get(DualWriteJobOptions.INPUT_TOPIC)).isEqualTo("changes");
        assertThat(conf.get(DualWriteJobOptions.CONSUMER_GROUP)).isEqualTo("replay-1");
        assertThat(conf.get(DualWriteOptions.CONFLICT)).isEqualTo(ConflictPolicy.TIMESTAMP);
        assertThat(conf.get(DualWriteOptions.SINK_ID)).isEqualTo(options.syncId()).startsWith("dual-write-docs-");
        assertThat(conf.get(SurrealOptions.SOURCE_TABLES)).containsExactly("docs", "notes");
        assertThat(conf.get(QdrantOptions.COLLECTION_VECTOR_SIZE)).isEqualTo(768);
        assertThat(conf.get(SyncJobOptions.SYNC_ID)).isEqualTo(options.syncId());
        // its checkpoints and savepoints are this sync's own, a stop's savepoint beside the checkpoints
        assertThat(conf.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY)).isEqualTo("file:///tmp/cp/" + options.syncId());
        assertThat(options.savepointUri()).isEqualTo("file:///tmp/cp/" + options.syncId() + "/savepoints");
        // what the job jar's main reads back is what the job validates
        new DualWriteJob().validate(JobArguments.parse(JobArguments.render(conf).toArray(new String[0])));
    }

    @Test
    void validationNamesTheOption() {
        assertThatThrownBy(() -> parse("--conflict", "newest").validate())
                .isInstanceOf(InvalidOptionException.class).hasMessageStartingWith("--conflict");
        List<String> badTopic = new ArrayList<>(REQUIRED.subList(0, 10));
        badTopic.addAll(List.of("--input-topic", "two words"));
        assertThatThrownBy(() -> CortexSyncCli.parseDualWriteOptions(badTopic.toArray(new String[0])).validate())
                .hasMessageStartingWith("--input-topic");
        assertThatThrownBy(() -> parse("--consumer-group", " ").validate()).hasMessageStartingWith("--consumer-group");
        assertThatThrownBy(() -> parse("--stop-timeout", "10ms").validate()).hasMessageStartingWith("--stop-timeout");
        List<String> withoutKafka = new ArrayList<>(REQUIRED.subList(0, 8));
        withoutKafka.addAll(List.of("--input-topic", "changes"));
        assertThatThrownBy(() -> CortexSyncCli.parseDualWriteOptions(withoutKafka.toArray(new String[0])).validate())
                .hasMessageStartingWith("--kafka-bootstrap");
        assertThatThrownBy(() -> CortexSyncCli.parseDualWriteOptions(REQUIRED.subList(0, 10).toArray(new String[0])))
                .hasMessageContaining("--input-topic");
    }

    @Test
    void everyConfigKeyOfADualWriteOptionReachesTheJob() {
        CommandLine.Model.CommandSpec dualWrite = CortexSyncCli.commandLine(new String[0]).getSubcommands().get("dual-write").getCommandSpec();
        Configuration conf = parse("--events-topic", "ev", "--dead-letter-topic", "dl", "--topic-partitions", "3",
                "--topic-replication", "1", "--consumer-group", "g").jobConfiguration(4);
        int checked = 0;
        for (Map.Entry<String, String> entry : ConfigKeys.all().entrySet()) {
            if (dualWrite.findOption("--" + entry.getKey()) == null) {
                continue;
            }
            String key = entry.getValue();
            boolean optional = key.equals(SurrealOptions.USERNAME.key()) || key.equals(SurrealOptions.PASSWORD.key())
                    || key.equals(QdrantOptions.API_KEY.key());
            assertThat(optional || conf.containsKey(key)).as(key + " reaches the job").isTrue();
            checked++;
        }
        assertThat(checked).isGreaterThanOrEqualTo(25);
        new DualWriteJob().validate(conf);
    }

    @Test
    void theSinksTuningComesFromTheFileAndTheCommandLineKeyByKey(@TempDir Path dir) throws Exception {
        Path yaml = dir.resolve("dual-write.yaml");
        Files.writeString(yaml, String.join("\n",
                "dual-write.commit-timeout: 5s",
                "dual-write.max-changes-per-commit: 200",
                "dual-write.conflict: timestamp",
                "kafka.acks: all",
                ""));
        DualWriteCommandOptions options = parse("--config", yaml.toString(), "--dual-write-property", "commit-timeout=2s",
                "--dual-write-property", "qdrant.max-backoff=3s");
        options.validate();
        Configuration conf = options.jobConfiguration(4);
        assertThat(conf.get(DualWriteOptions.COMMIT_TIMEOUT)).isEqualTo(Duration.ofSeconds(2));
        assertThat(conf.get(DualWriteOptions.MAX_CHANGES_PER_COMMIT)).isEqualTo(200);
        assertThat(conf.get(DualWriteOptions.QDRANT_MAX_BACKOFF)).isEqualTo(Duration.ofSeconds(3));
        // a key with an option of its own is read through that option
        assertThat(conf.get(DualWriteOptions.CONFLICT)).isEqualTo(ConflictPolicy.TIMESTAMP);
        assertThat(conf.toMap()).containsEntry("kafka.acks", "all");
        new DualWriteJob().validate(conf);
    }

    @Test
    void anUnknownTuningKeyOrABadValueIsRefusedNamingTheOption(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> parse("--dual-write-property", "commit-timout=2s").validate())
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageStartingWith("--dual-write-property")
                .hasMessageContaining("'commit-timout' is no dual-write setting")
                .hasMessageContaining("commit-timeout");
        assertThatThrownBy(() -> parse("--dual-write-property", "max-changes-per-commit=many").validate())
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageStartingWith("--dual-write-property")
                .hasMessageContaining("'many'");
        // a file's key under the prefix that no option owns is named too
        Path yaml = dir.resolve("dual-write.yaml");
        Files.writeString(yaml, "dual-write.sink-id: other\n");
        assertThatThrownBy(() -> parse("--config", yaml.toString()).validate())
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("'sink-id' is no dual-write setting");
    }
}
