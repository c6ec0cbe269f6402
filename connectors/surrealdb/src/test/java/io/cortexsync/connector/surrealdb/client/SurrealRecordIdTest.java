package io.cortexsync.connector.surrealdb.client;

import io.cortexsync.connector.surrealdb.client.cbor.CborReader;
import io.cortexsync.connector.surrealdb.client.cbor.CborWriter;
import io.cortexsync.schema.ids.RecordId;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SurrealRecordIdTest {

    @Test
    void simpleKeysConvertToAndFromTheSchemasRecordId() {
        UUID uuid = UUID.randomUUID();
        for (RecordId id : List.of(RecordId.of("doc", "a⟩b"), RecordId.of("doc", 42), RecordId.of("doc", uuid),
                RecordId.of("doc", "42"))) {
            SurrealRecordId surreal = SurrealRecordId.fromRecordId(id);
            assertThat(surreal.toRecordId()).isEqualTo(id);
            assertThat(surreal.toString()).isEqualTo(id.canonical());
        }
        assertThat(SurrealRecordId.of("doc", "42")).isNotEqualTo(SurrealRecordId.of("doc", 42));
    }

    @Test
    void arrayAndObjectKeysAreNormalizedSoThatTheyEqualWhatTheServerReturns() {
        SurrealRecordId written = SurrealRecordId.ofKey("t", List.of(1, "a", Map.of("n", (short) 2)));
        Object read = CborReader.decode(CborWriter.encode(written));
        assertThat(read).isEqualTo(written).hasSameHashCodeAs(written);
        assertThat(written.hasSimpleKey()).isFalse();
        assertThatThrownBy(written::toRecordId).hasMessageContaining("only string, integer and UUID keys");
    }

    @Test
    void unsupportedKeysAreRefused() {
        assertThatThrownBy(() -> SurrealRecordId.ofKey("t", 1.5)).hasMessageContaining("unsupported record key type");
        assertThatThrownBy(() -> SurrealRecordId.ofKey("", 1)).hasMessageContaining("table");
    }
}
