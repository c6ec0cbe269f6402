package io.cortexsync.cli.options;

import io.cortexsync.cli.ConfigFileDefaults;
import io.cortexsync.cli.CortexSyncCli;
import io.cortexsync.cli.InvalidOptionException;
import io.cortexsync.jobs.events.EventOptions;
import io.cortexsync.jobs.events.KafkaEventSinks;

import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParseResult;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Kafka options mixin: flags and YAML to the jobs' keys, validation naming the option. */
class KafkaOptionsTest {

    /** A command as the streaming jobs' will be: the run's options and the Kafka ones. */
    @Command(name = "kafka-test")
    static final class KafkaCommand {
        @Mixin
        KafkaOptions kafka;

        @Mixin
        JobRunOptions run;
    }

    @Test
    void flagsBecomeTheJobsKeys() {
        KafkaOptions kafka = parse(
                "--kafka-bootstrap", "b1:9092,b2:9092", "--events-topic", "cortex.events", "--dead-letter-topic", "cortex.dead",
                "--kafka-property", "security.protocol=SASL_SSL", "--kafka-property", "sasl.mechanism=SCRAM-SHA-512",
                "--topic-partitions", "6", "--topic-replication", "3", "--no-create-topics");
        kafka.validate();

        Configuration conf = new Configuration();
        kafka.putInto(conf);

        assertThat(conf.toMap()).containsOnly(
                Map.entry("kafka.bootstrap.servers", "b1:9092,b2:9092"),
                Map.entry("kafka.security.protocol", "SASL_SSL"),
                Map.entry("kafka.sasl.mechanism", "SCRAM-SHA-512"),
                Map.entry("sync.events.topic", "cortex.events"),
                Map.entry("sync.dead-letter.topic", "cortex.dead"),
                Map.entry("sync.kafka.topic-partitions", "6"),
                Map.entry("sync.kafka.topic-replication", "3"),
                Map.entry("sync.kafka.create-topics", "false"));
        KafkaEventSinks.validate(conf);
    }

    @Test
    void everyConfigurationKeyOfAKafkaOptionIsAcceptedInAYamlFileAndReachesTheJob(@TempDir Path dir) throws Exception {
        CommandLine.Model.CommandSpec spec = new CommandLine(new KafkaCommand()).getCommandSpec();
        Map<String, String> values = Map.of(
                "kafka-bootstrap", "b:9092", "events-topic", "ev", "dead-letter-topic", "dl",
                "topic-partitions", "2", "topic-replication", "1", "create-topics", "false");
        StringBuilder yaml = new StringBuilder();
        int kafkaKeys = 0;
        for (Map.Entry<String, String> entry : ConfigKeys.all().entrySet()) {
            if (spec.findOption("--" + entry.getKey()) != null && values.containsKey(entry.getKey())) {
                yaml.append(entry.getValue()).append(": ").append(values.get(entry.getKey())).append('\n');
                kafkaKeys++;
            }
        }
        assertThat(kafkaKeys).as("Kafka options with a key").isEqualTo(values.size());
        Path file = dir.resolve("keys.yaml");
        Files.writeString(file, yaml.toString());

        Configuration conf = new Configuration();
        parse("--config", file.toString()).putInto(conf);

        for (Map.Entry<String, String> entry : values.entrySet()) {
            String key = ConfigKeys.keyOf(entry.getKey()).orElseThrow();
            assertThat(conf.toMap()).as("%s reaches the job", key).containsEntry(key, entry.getValue());
        }
    }

    @Test
    void withoutTopicsNothingGoesToKafka() {
        KafkaOptions kafka = parse();
        kafka.validate();
        Configuration conf = new Configuration();
        kafka.putInto(conf);

        assertThat(kafka.enabled()).isFalse();
        assertThat(conf.getOptional(EventOptions.EVENTS_TOPIC)).isEmpty();
        assertThat(conf.get(EventOptions.CREATE_TOPICS)).isTrue();
        assertThat(conf.keySet()).noneMatch(key -> key.startsWith("kafka."));
    }

    @Test
    void yamlCarriesAnyKafkaKeyAndFlagsOverrideItKeyByKey(@TempDir Path dir) throws Exception {
        Path yaml = dir.resolve("cdc.yaml");
        Files.writeString(yaml, String.join("\n",
                "kafka-bootstrap: from-file:9092",
                "events-topic: file.events",
                "sync.kafka.topic-partitions: 12",
                "kafka.security.protocol: SASL_SSL",
                "kafka.sasl.jaas.config: 'org.apache.kafka.common.security.scram.ScramLoginModule required username=\"svc\" password=\"pw\";'",
                "kafka.acks: all",
                ""));
        KafkaOptions kafka = parse("--config", yaml.toString(), "--kafka-property", "acks=1",
                "--kafka-bootstrap", "from-flag:9092");
        kafka.validate();

        Configuration conf = new Configuration();
        kafka.putInto(conf);

        assertThat(conf.toMap())
                .containsEntry("kafka.bootstrap.servers", "from-flag:9092")
                .containsEntry("kafka.acks", "1")
                .containsEntry("kafka.security.protocol", "SASL_SSL")
                .containsEntry("kafka.sasl.jaas.config",
                        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"svc\" password=\"pw\";")
                .containsEntry("sync.events.topic", "file.events")
                .containsEntry("sync.kafka.topic-partitions", "12");
    }

    @Test
    void aFileKeyUnderKafkaNeedsACommandWithKafkaOptions(@TempDir Path dir) throws Exception {
        Path yaml = dir.resolve("migrate.yaml");
        Files.writeString(yaml, "surreal-ns: app\nsurreal-db: main\ntable: docs\ncollection: docs\nkafka.acks: all\n");

        assertThatThrownBy(() -> CortexSyncCli.parseMigrateOptions(new String[] {"--config", yaml.toString()}))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("unknown key 'kafka.acks'");

        Path misspelt = dir.resolve("cdc.yaml");
        Files.writeString(misspelt, "kafak.acks: all\n");
        assertThatThrownBy(() -> parse("--config", misspelt.toString()))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("unknown key 'kafak.acks'")
                .hasMessageContaining("or any key under kafka.");
    }

    @Test
    void validateNamesTheOptionAtFault() {
        assertThatThrownBy(() -> parse("--events-topic", "events").validate())
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageStartingWith("--kafka-bootstrap: required with --events-topic");
        assertThatThrownBy(() -> parse("--dead-letter-topic", "dead").validate())
                .hasMessageStartingWith("--kafka-bootstrap: required with --dead-letter-topic");
        assertThatThrownBy(() -> parse("--kafka-bootstrap", "b:9092", "--events-topic", "two words").validate())
                .hasMessageStartingWith("--events-topic: 'two words' is not a Kafka topic name");
        assertThatThrownBy(() -> parse("--kafka-property", "kafka.acks=all").validate())
                .hasMessageStartingWith("--kafka-property: 'kafka.acks' is no Kafka client setting");
        assertThatThrownBy(() -> parse("--topic-partitions", "0").validate())
                .hasMessageStartingWith("--topic-partitions: 0 is out of range");
        assertThatThrownBy(() -> parse("--topic-replication", "40000").validate())
                .hasMessageStartingWith("--topic-replication: 40000 is out of range");
        assertThatThrownBy(() -> parse("--kafka-bootstrap", "b:9092", "--events-topic", "ev", "--no-dead-letter-file").validate())
                .hasMessageStartingWith("--no-dead-letter-file: dead letters need somewhere to go");
    }

    @Test
    void describeShowsNoClientSetting() {
        KafkaOptions kafka = parse("--kafka-bootstrap", "b:9092", "--events-topic", "ev",
                "--kafka-property", "sasl.jaas.config=secret-jaas");
        assertThat(kafka.describe()).isEqualTo("events ev, dead letters - at Kafka b:9092");
    }

    private static KafkaOptions parse(String... args) {
        KafkaCommand command = new KafkaCommand();
        CommandLine cli = new CommandLine(command);
        ConfigFileDefaults config = ConfigFileDefaults.fromArgs(args);
        cli.setDefaultValueProvider(config);
        ParseResult result = cli.parseArgs(args);
        config.checkKeys(result.commandSpec());
        return command.kafka;
    }
}
