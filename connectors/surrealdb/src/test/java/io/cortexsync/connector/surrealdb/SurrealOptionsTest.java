package io.cortexsync.connector.surrealdb;

import io.cortexsync.connector.common.config.OptionKeys;
import io.cortexsync.connector.surrealdb.client.SurrealConnectionConfig;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SurrealOptionsTest {

    private static Configuration complete() {
        return OfflineConnection.options("http://127.0.0.1:8000", "ns", "db", "hunter2");
    }

    @Test
    void buildsTheConnectionFromOptions() {
        Configuration conf = complete();
        conf.set(SurrealOptions.AUTH_MODE, SurrealOptions.AuthMode.SIGNIN);
        conf.setString("surrealdb.request-timeout", "5 s");

        SurrealConnectionConfig config = SurrealOptions.connectionConfig(conf);

        assertThat(config.url()).isEqualTo("http://127.0.0.1:8000");
        assertThat(config.namespace()).isEqualTo("ns");
        assertThat(config.database()).isEqualTo("db");
        assertThat(config.authMode()).isEqualTo(SurrealConnectionConfig.AuthMode.SIGNIN);
        assertThat(config.requestTimeout()).hasSeconds(5);
        assertThat(config.toString()).doesNotContain("hunter2");
    }

    @Test
    void aMissingOptionIsNamed() {
        Configuration conf = complete();
        conf.removeConfig(SurrealOptions.DATABASE);
        assertThatThrownBy(() -> SurrealOptions.connectionConfig(conf))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'surrealdb.database'");

        Configuration basicWithoutPassword = complete();
        basicWithoutPassword.removeConfig(SurrealOptions.PASSWORD);
        assertThatThrownBy(() -> SurrealOptions.connectionConfig(basicWithoutPassword))
                .hasMessageContaining("'surrealdb.password'");
    }

    @Test
    void aBadValueFailsNamingTheOption() {
        Configuration conf = complete();
        conf.setString("surrealdb.connect-timeout", "soon");
        assertThatThrownBy(() -> SurrealOptions.connectionConfig(conf))
                .hasMessageContaining("surrealdb.connect-timeout");
    }

    @Test
    void everyKeyFollowsTheSharedPatternAndSharedConceptsHaveTheSharedNames() {
        List<ConfigOption<?>> options = OptionKeys.declaredIn(SurrealOptions.class);
        assertThat(options).hasSizeGreaterThan(20);
        for (ConfigOption<?> option : options) {
            assertThat(OptionKeys.violations("surrealdb", option.key())).as(option.key()).isEmpty();
        }
        assertThat(options).extracting(option -> OptionKeys.name(option.key()))
                .containsAll(OptionKeys.SHARED_NAMES);
        assertThat(SurrealOptions.SINK_BATCH_SIZE.key()).isEqualTo("surrealdb.sink.batch-size");
        assertThat(SurrealOptions.SINK_MAX_BATCH_BYTES.key()).isEqualTo("surrealdb.sink.max-batch-bytes");
        assertThat(SurrealOptions.SINK_MAX_BUFFERED_TIME.key()).isEqualTo("surrealdb.sink.max-buffered-time");
        assertThat(SurrealOptions.MAX_RETRIES.key()).isEqualTo("surrealdb.max-retries");
    }

    @Test
    void theKeysOfEarlierReleasesStillRead() {
        Configuration conf = complete();
        conf.setString("surrealdb.sink.batch.size", "7");
        conf.setString("surrealdb.sink.batch.max-bytes", "1mb");
        conf.setString("surrealdb.sink.flush-interval", "3 s");
        conf.setString("surrealdb.retry.initial-backoff", "20 ms");
        conf.setString("surrealdb.retry.max-backoff", "2 s");
        conf.setString("surrealdb.request.max-bytes", "1000000");

        assertThat(conf.get(SurrealOptions.SINK_BATCH_SIZE)).isEqualTo(7);
        assertThat(conf.get(SurrealOptions.SINK_MAX_BATCH_BYTES)).isEqualTo(MemorySize.parse("1mb"));
        assertThat(conf.get(SurrealOptions.SINK_MAX_BUFFERED_TIME)).isEqualTo(Duration.ofSeconds(3));
        SurrealConnectionConfig config = SurrealOptions.connectionConfig(conf);
        assertThat(config.retryInitialBackoff()).isEqualTo(Duration.ofMillis(20));
        assertThat(config.retryMaxBackoff()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.maxRequestBytes()).isEqualTo(1_000_000);

        conf.setString("surrealdb.sink.batch-size", "9");
        assertThat(conf.get(SurrealOptions.SINK_BATCH_SIZE)).as("the new key wins").isEqualTo(9);
    }

    @Test
    void retriesCountAfterTheFirstAttemptAndTheOldAttemptsKeyKeepsItsMeaning() {
        assertThat(SurrealOptions.connectionConfig(complete()).retryMaxAttempts()).isEqualTo(5);

        Configuration retries = complete();
        retries.set(SurrealOptions.MAX_RETRIES, 0);
        assertThat(SurrealOptions.connectionConfig(retries).retryMaxAttempts()).isEqualTo(1);

        Configuration attempts = complete();
        attempts.setString("surrealdb.retry.max-attempts", "3");
        assertThat(SurrealOptions.connectionConfig(attempts).retryMaxAttempts()).isEqualTo(3);

        attempts.set(SurrealOptions.MAX_RETRIES, 6);
        assertThat(SurrealOptions.connectionConfig(attempts).retryMaxAttempts()).as("the new key wins").isEqualTo(7);
    }
}
