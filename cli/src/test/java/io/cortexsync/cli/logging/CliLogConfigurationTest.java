package io.cortexsync.cli.logging;

import io.cortexsync.testkit.logging.Log4jComplaints;

import org.apache.flink.runtime.checkpoint.CheckpointException;
import org.apache.flink.runtime.checkpoint.CheckpointFailureReason;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.AbstractConfiguration;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.ConfigurationSource;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.composite.CompositeConfiguration;
import org.apache.logging.log4j.core.config.properties.PropertiesConfigurationFactory;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.message.SimpleMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line's log configuration as the launcher passes it to the commands of the cli module:
 * scripts/log4j2-cli.properties with scripts/log4j2-cli-filters.properties merged in.
 */
class CliLogConfigurationTest {

    private static final String CHECKPOINT_FAILURES = "org.apache.flink.runtime.checkpoint.CheckpointFailureManager";

    private Configuration config;
    private Log4jComplaints log4j;

    /** The launcher's list for the commands of the cli module, merged as log4j merges such a list. */
    @BeforeEach
    void load() throws IOException {
        log4j = Log4jComplaints.listen();
        Path scripts = Path.of("").toAbsolutePath().getParent().resolve("scripts");
        LoggerContext context = new LoggerContext("cli-log-configuration-test");
        List<AbstractConfiguration> files = new ArrayList<>();
        for (String name : List.of("log4j2-cli.properties", "log4j2-cli-filters.properties")) {
            files.add(new PropertiesConfigurationFactory().getConfiguration(
                    context, ConfigurationSource.fromUri(scripts.resolve(name).toUri())));
        }
        config = new CompositeConfiguration(files);
        config.initialize();
    }

    @AfterEach
    void stop() {
        config.stop();
        log4j.close();
    }

    @Test
    void itLoadsWithoutComplaint() {
        assertThat(log4j.complaints()).as("log4j's own errors and warnings while reading the file").isEmpty();
    }

    private static LogEvent checkpointFailure(CheckpointFailureReason reason) {
        return Log4jLogEvent.newBuilder()
                .setLoggerName(CHECKPOINT_FAILURES)
                .setLevel(Level.WARN)
                .setMessage(new SimpleMessage("Failed to trigger or complete checkpoint 2 for job 3296b450."))
                .setThrown(new CheckpointException(reason))
                .build();
    }

    @Test
    void aCheckpointDeclinedByAClosingTaskIsDroppedAndEveryOtherFailureKept() {
        LoggerConfig checkpoints = config.getLoggerConfig(CHECKPOINT_FAILURES);
        assertThat(checkpoints.getName()).as("a logger of its own").isEqualTo(CHECKPOINT_FAILURES);
        assertThat(checkpoints.getFilter()).isInstanceOf(ClosingTaskDeclineFilter.class);

        assertThat(checkpoints.isFiltered(checkpointFailure(CheckpointFailureReason.CHECKPOINT_DECLINED_TASK_CLOSING)))
                .isTrue();
        for (CheckpointFailureReason reason : CheckpointFailureReason.values()) {
            if (reason != CheckpointFailureReason.CHECKPOINT_DECLINED_TASK_CLOSING) {
                assertThat(checkpoints.isFiltered(checkpointFailure(reason))).as(reason.message()).isFalse();
            }
        }
        LogEvent withoutException = Log4jLogEvent.newBuilder().setLoggerName(CHECKPOINT_FAILURES).setLevel(Level.WARN)
                .setMessage(new SimpleMessage("Checkpoint 3 expired")).build();
        assertThat(checkpoints.isFiltered(withoutException)).isFalse();
    }

    @Test
    void flinksNotesThatConcernNoLocalRunAreLeftOutAndItsWarningsKept() {
        assertThat(config.getLoggerConfig("org.apache.flink.runtime.security.token.DefaultDelegationTokenManager")
                .getLevel()).isEqualTo(Level.ERROR);
        assertThat(config.getLoggerConfig("org.apache.flink.runtime.webmonitor.WebMonitorUtils").getLevel())
                .isEqualTo(Level.ERROR);
        assertThat(config.getLoggerConfig("org.apache.flink.runtime.metrics.util.MetricUtils").getLevel())
                .isEqualTo(Level.ERROR);
        assertThat(config.getLoggerConfig("org.apache.flink.runtime.taskmanager.Task").getLevel()).isEqualTo(Level.WARN);
        assertThat(config.getLoggerConfig("io.cortexsync.cli.migrate.MigrationRun").getLevel()).isEqualTo(Level.INFO);
    }
}
