package io.cortexsync.connector.qdrant;

import io.cortexsync.connector.common.config.OptionKeys;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class QdrantOptionsTest {

    @Test
    void everyKeyFollowsTheSharedPatternAndSharedConceptsHaveTheSharedNames() {
        List<ConfigOption<?>> options = OptionKeys.declaredIn(QdrantOptions.class);
        assertThat(options).hasSizeGreaterThan(20);
        for (ConfigOption<?> option : options) {
            assertThat(OptionKeys.violations("qdrant", option.key())).as(option.key()).isEmpty();
        }
        assertThat(options).extracting(option -> OptionKeys.name(option.key()))
                .containsAll(OptionKeys.SHARED_NAMES);
        assertThat(QdrantOptions.SINK_BATCH_SIZE.key()).isEqualTo("qdrant.sink.batch-size");
        assertThat(QdrantOptions.SINK_MAX_BATCH_BYTES.key()).isEqualTo("qdrant.sink.max-batch-bytes");
        assertThat(QdrantOptions.SINK_MAX_BUFFERED_TIME.key()).isEqualTo("qdrant.sink.max-buffered-time");
        assertThat(QdrantOptions.SINK_MAX_RETRIES.key()).isEqualTo("qdrant.sink.max-retries");
    }

    @Test
    void theTimeoutKeyOfEarlierReleasesStillReads() {
        Configuration conf = new Configuration();
        conf.setString("qdrant.host", "localhost");
        conf.setString("qdrant.timeout", "7 s");
        assertThat(conf.get(QdrantOptions.REQUEST_TIMEOUT)).isEqualTo(Duration.ofSeconds(7));
        assertThat(QdrantOptions.connectionConfig(conf).requestTimeout()).isEqualTo(Duration.ofSeconds(7));
    }
}
