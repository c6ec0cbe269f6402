package io.cortexsync.connector.surrealdb.source.record;

import io.cortexsync.connector.surrealdb.client.SurrealRecordId;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SurrealChangeTest {

    private static final SurrealRecordId ID = SurrealRecordId.of("docs", "a");

    @Test
    void aReadOrUpsertKeepsItsFieldsAsTheyWereGiven() {
        Map<String, Object> fields = fields();
        SurrealChange read = SurrealChange.read(ID, fields, 5L);
        SurrealChange upsert = SurrealChange.upsert(ID, fields, 6L);

        fields.put("title", "changed afterwards");

        assertThat(read.fields()).containsEntry("title", "a").hasSize(2);
        assertThat(upsert.fields()).containsEntry("title", "a").hasSize(2);
    }

    @Test
    void aDecodedReadKeepsTheMapItWasGivenAndNobodyChangesItThroughTheChange() {
        SurrealChange read = SurrealChange.readDecoded(ID, fields(), 7L);

        assertThat(read).isEqualTo(SurrealChange.read(ID, fields(), 7L));
        assertThat(read.op()).isEqualTo(SurrealChange.Op.READ);
        assertThatThrownBy(() -> read.fields().put("title", "b")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> SurrealChange.readDecoded(ID, null, 7L)).isInstanceOf(NullPointerException.class);
    }

    private static Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", ID);
        fields.put("title", "a");
        return fields;
    }
}
