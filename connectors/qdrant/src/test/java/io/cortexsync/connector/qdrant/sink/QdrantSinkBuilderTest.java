package io.cortexsync.connector.qdrant.sink;

import io.cortexsync.connector.qdrant.QdrantOptions;
import io.cortexsync.connector.qdrant.client.QdrantConnectionConfig;
import io.cortexsync.connector.qdrant.convert.SyncEntityPointConverter;
import io.cortexsync.schema.model.SyncEntity;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QdrantSinkBuilderTest {

    private static QdrantSinkBuilder<SyncEntity> valid() {
        return QdrantSink.<SyncEntity>builder()
                .setConnectionConfig(QdrantConnectionConfig.builder().host("localhost").build())
                .setCollectionName("docs")
                .setPointConverter(new SyncEntityPointConverter());
    }

    @Test
    void defaultsComeFromTheOptions() {
        QdrantSink<SyncEntity> sink = valid().build();
        assertThat(sink.settings().batchSize()).isEqualTo(QdrantOptions.SINK_BATCH_SIZE.defaultValue());
        assertThat(sink.settings().maxInFlightBatches()).isEqualTo(QdrantOptions.SINK_MAX_IN_FLIGHT_BATCHES.defaultValue());
        assertThat(sink.settings().maxRetries()).isEqualTo(QdrantOptions.SINK_MAX_RETRIES.defaultValue());
    }

    @Test
    void readsFlinkOptions() {
        Configuration conf = new Configuration();
        conf.set(QdrantOptions.HOST, "qdrant.example");
        conf.set(QdrantOptions.API_KEY, "k");
        conf.set(QdrantOptions.COLLECTION, "c");
        conf.set(QdrantOptions.SINK_BATCH_SIZE, 100);
        conf.set(QdrantOptions.SINK_MAX_BATCH_BYTES, MemorySize.ofMebiBytes(2));
        conf.set(QdrantOptions.SINK_MAX_IN_FLIGHT_BATCHES, 8);
        conf.set(QdrantOptions.SINK_TARGET_LATENCY, Duration.ofMillis(250));
        QdrantSink<SyncEntity> sink = QdrantSink.<SyncEntity>builder()
                .setOptions(conf)
                .setPointConverter(new SyncEntityPointConverter())
                .build();
        assertThat(sink.connection().host()).isEqualTo("qdrant.example");
        assertThat(sink.connection().apiKey()).contains("k");
        assertThat(sink.collection()).isEqualTo("c");
        assertThat(sink.settings().batchSize()).isEqualTo(100);
        assertThat(sink.settings().maxBatchBytes()).isEqualTo(2L << 20);
        assertThat(sink.settings().maxInFlightBatches()).isEqualTo(8);
        assertThat(sink.settings().targetLatency()).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void namesTheSetterToFix() {
        assertThatThrownBy(() -> QdrantSink.<SyncEntity>builder().build()).hasMessageContaining("setConnectionConfig");
        assertThatThrownBy(() -> valid().setCollectionName(" ").build()).hasMessageContaining("setCollectionName");
        assertThatThrownBy(() -> valid().setPointConverter(null).build()).hasMessageContaining("setPointConverter");
        assertThatThrownBy(() -> valid().setBatchSize(2000).build()).hasMessageContaining("setBatchSize(2000)");
        assertThatThrownBy(() -> valid().setMinBatchSize(0).build()).hasMessageContaining("setMinBatchSize(0)");
        assertThatThrownBy(() -> valid().setMaxInFlightBatches(0).build()).hasMessageContaining("setMaxInFlightBatches");
        assertThatThrownBy(() -> valid().setMaxRetries(-1).build()).hasMessageContaining("setMaxRetries");
        assertThatThrownBy(() -> valid().setTargetLatency(Duration.ZERO).build()).hasMessageContaining("setTargetLatency");
        assertThatThrownBy(() -> valid().setMaxBackoff(Duration.ofMillis(1)).build()).hasMessageContaining("setMaxBackoff");
        assertThatThrownBy(() -> valid().setMaxBufferedTime(Duration.ofMillis(-1)).build())
                .hasMessageContaining("setMaxBufferedTime");
    }
}
