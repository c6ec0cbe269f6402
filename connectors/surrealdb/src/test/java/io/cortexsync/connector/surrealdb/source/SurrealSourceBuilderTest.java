package io.cortexsync.connector.surrealdb.source;

import io.cortexsync.connector.surrealdb.OfflineConnection;
import io.cortexsync.connector.surrealdb.client.SurrealConnectionConfig;
import io.cortexsync.connector.surrealdb.source.record.SurrealChange;

import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SurrealSourceBuilderTest {

    private static final SurrealConnectionConfig CONNECTION = OfflineConnection.CONFIG;

    private static SurrealSourceBuilder<SurrealChange> valid() {
        return SurrealSource.<SurrealChange>builder()
                .setConnectionConfig(CONNECTION)
                .setTables("docs")
                .setDeserializer(SurrealRecordDeserializer.changes());
    }

    @Test
    void messagesNameTheSetterToFix() {
        assertThatThrownBy(() -> valid().setConnectionConfig(null).build()).hasMessageContaining("setConnectionConfig(");
        assertThatThrownBy(() -> valid().setTables(List.of()).build()).hasMessageContaining("setTables(");
        assertThatThrownBy(() -> valid().setChunkSize(0).build()).hasMessageContaining("setChunkSize(");
        assertThatThrownBy(() -> valid().setFields("a; DELETE x").build()).hasMessageContaining("setFields(");
        assertThatThrownBy(() -> valid().setVectorFields("v[0]").build()).hasMessageContaining("setVectorFields(");
        assertThatThrownBy(() -> valid().setPollInterval(Duration.ZERO).build()).hasMessageContaining("setPollInterval(");
        assertThatThrownBy(() -> valid().setStartingVersionstamp(-1).build()).hasMessageContaining("setStartingVersionstamp(");
        assertThatThrownBy(() -> valid().setStartingMode(StartingMode.CHANGES_FROM_VERSIONSTAMP).build())
                .hasMessageContaining("setStartingVersionstamp(long)");
        assertThatThrownBy(() -> valid().setHeartbeatTable("hb x").build()).hasMessageContaining("setHeartbeatTable(");
        assertThatThrownBy(() -> valid().setDeserializer(null).build()).hasMessageContaining("setDeserializer(");
    }

    @Test
    void theChangesPageSizeIsBoundedByWhatTheEngineReturns() {
        assertThat(valid().setChangesPageSize(1000).build().config().changePageSize()).isEqualTo(1000);
        assertThatThrownBy(() -> valid().setChangesPageSize(1001).build())
                .hasMessageContaining("setChangesPageSize(1001)").hasMessageContaining("at most 1000");
        Configuration conf = OfflineConnection.options("http://127.0.0.1:8000", "ns", "db", "secret");
        conf.setString("surrealdb.source.tables", "a");
        conf.setString("surrealdb.source.changes-page-size", "5000");
        assertThatThrownBy(() -> SurrealSource.<SurrealChange>builder().setOptions(conf))
                .hasMessageContaining("'surrealdb.source.changes-page-size' is 5000").hasMessageContaining("1 to 1000");
    }

    @Test
    void theLateCommitHoldBackIsAtMostAMinuteAndReadFromTheOptions() {
        assertThat(valid().build().config().lateCommitHoldBack()).isEqualTo(Duration.ofMillis(250));
        assertThat(valid().setLateCommitHoldBack(Duration.ZERO).build().config().lateCommitHoldBack()).isEqualTo(Duration.ZERO);
        assertThatThrownBy(() -> valid().setLateCommitHoldBack(Duration.ofMillis(-1)).build())
                .hasMessageContaining("setLateCommitHoldBack(");
        assertThatThrownBy(() -> valid().setLateCommitHoldBack(Duration.ofMinutes(2)).build())
                .hasMessageContaining("setLateCommitHoldBack(PT2M)").hasMessageContaining("at most a minute");
        Configuration conf = OfflineConnection.options("http://127.0.0.1:8000", "ns", "db", "secret");
        conf.setString("surrealdb.source.tables", "a");
        conf.setString("surrealdb.source.late-commit-hold-back", "1 s");
        assertThat(SurrealSource.<SurrealChange>builder().setOptions(conf).setDeserializer(SurrealRecordDeserializer.changes())
                .build().config().lateCommitHoldBack()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void boundednessFollowsTheStartingMode() {
        assertThat(valid().setStartingMode(StartingMode.SNAPSHOT_ONLY).build().getBoundedness())
                .isEqualTo(Boundedness.BOUNDED);
        assertThat(valid().build().getBoundedness()).isEqualTo(Boundedness.CONTINUOUS_UNBOUNDED);
    }

    @Test
    void projectionAlwaysReadsIdAndVectors() {
        SurrealSourceConfig config = valid().setFields("title", "id").setVectorFields("embedding").build().config();
        assertThat(config.projection()).isEqualTo("id, title, embedding");
        assertThat(valid().build().config().projection()).isEqualTo("*");
    }

    @Test
    void readsTheSourceOptions() {
        Configuration conf = OfflineConnection.options("http://127.0.0.1:8000", "ns", "db", "secret");
        conf.setString("surrealdb.source.tables", "a;b");
        conf.setString("surrealdb.source.chunk-size", "250");
        conf.setString("surrealdb.source.poll-interval", "2 s");
        conf.setString("surrealdb.source.starting-mode", "SNAPSHOT_ONLY");
        conf.setString("surrealdb.source.vector-fields", "embedding");
        SurrealSourceConfig config = SurrealSource.<SurrealChange>builder()
                .setOptions(conf).setDeserializer(SurrealRecordDeserializer.changes()).build().config();
        assertThat(config.tables()).containsExactly("a", "b");
        assertThat(config.chunkSize()).isEqualTo(250);
        assertThat(config.pollInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.startingMode()).isEqualTo(StartingMode.SNAPSHOT_ONLY);
        assertThat(config.vectorFields()).containsExactly("embedding");
    }
}
