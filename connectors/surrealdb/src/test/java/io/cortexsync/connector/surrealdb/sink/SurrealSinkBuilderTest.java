package io.cortexsync.connector.surrealdb.sink;

import io.cortexsync.connector.surrealdb.OfflineConnection;
import io.cortexsync.connector.surrealdb.SurrealOptions;
import io.cortexsync.connector.surrealdb.client.SurrealConnectionConfig;
import io.cortexsync.schema.model.SyncEntity;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SurrealSinkBuilderTest {

    private static final SurrealConnectionConfig CONNECTION = OfflineConnection.CONFIG;

    private static SurrealSinkBuilder<SyncEntity> valid() {
        return SurrealSink.<SyncEntity>builder()
                .setConnectionConfig(CONNECTION)
                .setRecordSerializer(new SyncEntityRecordSerializer());
    }

    @Test
    void defaultsFollowTheOptions() {
        SurrealSink<SyncEntity> sink = valid().build();
        assertThat(sink.settings().batchSize()).isEqualTo(500);
        assertThat(sink.settings().maxBatchBytes()).isEqualTo(3L << 20);
        assertThat(sink.settings().maxBufferedTime()).isEqualTo(Duration.ofSeconds(1));
        assertThat(sink.settings().versionGuardField()).isEmpty();
    }

    @Test
    void missingPiecesNameTheirSetter() {
        assertThatThrownBy(() -> SurrealSink.<SyncEntity>builder().setRecordSerializer(new SyncEntityRecordSerializer()).build())
                .hasMessageContaining("setConnectionConfig");
        assertThatThrownBy(() -> SurrealSink.<SyncEntity>builder().setConnectionConfig(CONNECTION).build())
                .hasMessageContaining("setRecordSerializer");
        assertThatThrownBy(() -> valid().setOutcomeListener(null).build()).hasMessageContaining("setOutcomeListener");
    }

    @Test
    void outOfRangeSettingsNameTheirSetter() {
        assertThatThrownBy(() -> valid().setBatchSize(0).build()).hasMessageContaining("setBatchSize(0)");
        assertThatThrownBy(() -> valid().setMaxBatchBytes(5L << 20).build())
                .hasMessageContaining("setMaxBatchBytes(5242880)").hasMessageContaining("4194304");
        assertThatThrownBy(() -> valid().setMaxBufferedTime(Duration.ofSeconds(-1)).build())
                .hasMessageContaining("setMaxBufferedTime");
        assertThatThrownBy(() -> valid().setConflictMaxRetries(-1).build()).hasMessageContaining("setConflictMaxRetries");
        assertThatThrownBy(() -> valid().setVersionGuard(true).setVersionField("v WHERE true").build())
                .hasMessageContaining("setVersionField");
    }

    @Test
    void theVersionFieldIsCheckedOnlyWhenTheGuardIsOn() {
        assertThat(valid().setVersionField("not an identifier").build().settings().versionGuardField()).isEmpty();
        assertThat(valid().setVersionGuard(true).setVersionField("rev").build().settings().versionGuardField())
                .contains("rev");
    }

    @Test
    void theDefaultBatchBytesStayBelowASmallerRequestLimit() {
        SurrealConnectionConfig small = SurrealConnectionConfig.builder()
                .url("http://127.0.0.1:8000").namespace("ns").database("db").maxRequestBytes(1 << 20).build();
        assertThat(valid().setConnectionConfig(small).build().settings().maxBatchBytes()).isEqualTo(3L << 18);
    }

    @Test
    void optionsSetConnectionAndSink() {
        Configuration options = OfflineConnection.options("http://127.0.0.1:9000", "n", "d", "secret");
        options.set(SurrealOptions.SINK_BATCH_SIZE, 64);
        options.set(SurrealOptions.SINK_MAX_BATCH_BYTES, MemorySize.parse("1mb"));
        options.set(SurrealOptions.SINK_MAX_BUFFERED_TIME, Duration.ZERO);
        options.set(SurrealOptions.SINK_VERSION_GUARD_ENABLED, true);
        options.set(SurrealOptions.SINK_VERSION_GUARD_FIELD, "rev");
        options.set(SurrealOptions.SINK_CONFLICT_MAX_RETRIES, 2);

        SurrealSink<SyncEntity> sink = SurrealSink.<SyncEntity>builder()
                .setOptions(options).setRecordSerializer(new SyncEntityRecordSerializer()).build();

        assertThat(sink.connection().url()).isEqualTo("http://127.0.0.1:9000");
        assertThat(sink.connection().namespace()).isEqualTo("n");
        assertThat(sink.settings().batchSize()).isEqualTo(64);
        assertThat(sink.settings().maxBatchBytes()).isEqualTo(1L << 20);
        assertThat(sink.settings().maxBufferedTime()).isZero();
        assertThat(sink.settings().versionGuardField()).contains("rev");
        assertThat(sink.settings().conflictMaxRetries()).isEqualTo(2);
    }
}
