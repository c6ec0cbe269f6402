package io.cortexsync.connector.surrealdb.source;

import io.cortexsync.connector.surrealdb.SurrealOptions;
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

    private static final SurrealConnectionConfig CONNECTION = SurrealConnectionConfig.builder()
            .url("http://127.0.0.1:8000").namespace("ns").database("db").basicAuth("root", "secret").build();

    private static SurrealSourceBuilder<SurrealChange> valid() {
        return SurrealSource.<SurrealChange>builder()
                .connection(CONNECTION)
                .tables("docs")
                .deserializer(SurrealRecordDeserializer.changes());
    }

    @Test
    void messagesNameTheSetterToFix() {
        assertThatThrownBy(() -> valid().connection(null).build()).hasMessageContaining("connection(");
        assertThatThrownBy(() -> valid().tables(List.of()).build()).hasMessageContaining("tables(");
        assertThatThrownBy(() -> valid().chunkSize(0).build()).hasMessageContaining("chunkSize(");
        assertThatThrownBy(() -> valid().fields("a; DELETE x").build()).hasMessageContaining("fields(");
        assertThatThrownBy(() -> valid().vectorFields("v[0]").build()).hasMessageContaining("vectorFields(");
        assertThatThrownBy(() -> valid().pollInterval(Duration.ZERO).build()).hasMessageContaining("pollInterval(");
        assertThatThrownBy(() -> valid().startFromVersionstamp(-1).build()).hasMessageContaining("startFromVersionstamp(");
        assertThatThrownBy(() -> valid().startingMode(StartingMode.CHANGES_FROM_VERSIONSTAMP).build())
                .hasMessageContaining("startFromVersionstamp(long)");
        assertThatThrownBy(() -> valid().heartbeatTable("hb x").build()).hasMessageContaining("heartbeatTable(");
        assertThatThrownBy(() -> valid().deserializer(null).build()).hasMessageContaining("deserializer(");
    }

    @Test
    void boundednessFollowsTheStartingMode() {
        assertThat(valid().startingMode(StartingMode.SNAPSHOT_ONLY).build().getBoundedness())
                .isEqualTo(Boundedness.BOUNDED);
        assertThat(valid().build().getBoundedness()).isEqualTo(Boundedness.CONTINUOUS_UNBOUNDED);
    }

    @Test
    void projectionAlwaysReadsIdAndVectors() {
        SurrealSourceConfig config = valid().fields("title", "id").vectorFields("embedding").build().config();
        assertThat(config.projection()).isEqualTo("id, title, embedding");
        assertThat(valid().build().config().projection()).isEqualTo("*");
    }

    @Test
    void readsTheSourceOptions() {
        Configuration conf = new Configuration();
        conf.set(SurrealOptions.URL, "http://127.0.0.1:8000");
        conf.set(SurrealOptions.NAMESPACE, "ns");
        conf.set(SurrealOptions.DATABASE, "db");
        conf.set(SurrealOptions.USERNAME, "root");
        conf.set(SurrealOptions.PASSWORD, "secret");
        conf.setString("surrealdb.source.tables", "a;b");
        conf.setString("surrealdb.source.chunk-size", "250");
        conf.setString("surrealdb.source.poll-interval", "2 s");
        conf.setString("surrealdb.source.starting-mode", "SNAPSHOT_ONLY");
        conf.setString("surrealdb.source.vector-fields", "embedding");
        SurrealSourceConfig config = SurrealSource.<SurrealChange>builder()
                .configure(conf).deserializer(SurrealRecordDeserializer.changes()).build().config();
        assertThat(config.tables()).containsExactly("a", "b");
        assertThat(config.chunkSize()).isEqualTo(250);
        assertThat(config.pollInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.startingMode()).isEqualTo(StartingMode.SNAPSHOT_ONLY);
        assertThat(config.vectorFields()).containsExactly("embedding");
    }
}
