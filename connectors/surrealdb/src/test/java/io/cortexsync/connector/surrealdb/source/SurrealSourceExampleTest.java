package io.cortexsync.connector.surrealdb.source;

import io.cortexsync.connector.surrealdb.client.SurrealConnectionConfig;
import io.cortexsync.connector.surrealdb.source.record.SurrealChange;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The example of {@link SurrealSource}'s Javadoc, word for word: it must compile and build. */
class SurrealSourceExampleTest {

    @Test
    void theJavadocExampleBuildsASource() {
        SurrealConnectionConfig connectionConfig = SurrealConnectionConfig.builder()
                .url("http://127.0.0.1:8000").namespace("ns").database("db").basicAuth("root", "secret").build();

        SurrealSource<SurrealChange> source = SurrealSource.<SurrealChange>builder()
                .setConnectionConfig(connectionConfig)
                .setTables("docs")
                .setStartingMode(StartingMode.SNAPSHOT_THEN_CHANGES)
                .setVectorFields("embedding")
                .setDeserializer(SurrealRecordDeserializer.changes())
                .build();

        assertThat(source.config().tables()).containsExactly("docs");
        assertThat(source.config().startingMode()).isEqualTo(StartingMode.SNAPSHOT_THEN_CHANGES);
    }
}
