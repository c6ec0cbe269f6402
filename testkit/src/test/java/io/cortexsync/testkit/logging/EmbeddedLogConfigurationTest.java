package io.cortexsync.testkit.logging;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.ConfigurationSource;
import org.apache.logging.log4j.core.config.properties.PropertiesConfigurationFactory;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The log configuration the launcher gives {@code cortex-sync embedded} (scripts/log4j2-cli.properties
 * alone), read with this module's class path, which is that command's: it must name no plugin that
 * only the cli module has (such a file printed log4j's errors, 80 lines, at every start).
 */
class EmbeddedLogConfigurationTest {

    @Test
    void theConsoleConfigurationLoadsOnTheTestkitsClassPathWithoutComplaint() {
        Configuration config = null;
        try (Log4jComplaints log4j = Log4jComplaints.listen()) {
            Path file = Path.of("").toAbsolutePath().getParent().resolve("scripts/log4j2-cli.properties");
            config = new PropertiesConfigurationFactory().getConfiguration(
                    new LoggerContext("embedded-log-configuration-test"), ConfigurationSource.fromUri(file.toUri()));
            config.initialize();

            assertThat(log4j.complaints()).as("log4j's own errors and warnings while reading the file").isEmpty();
            assertThat(config.getLoggerConfig("io.cortexsync.testkit.surrealdb.EmbeddedSurrealDb").getLevel())
                    .isEqualTo(Level.INFO);
            assertThat(config.getLoggerConfig("org.apache.kafka.controller.QuorumController").getLevel())
                    .isEqualTo(Level.ERROR);
            assertThat(config.getRootLogger().getLevel()).isEqualTo(Level.WARN);
        } finally {
            if (config != null) {
                config.stop();
            }
        }
    }
}
