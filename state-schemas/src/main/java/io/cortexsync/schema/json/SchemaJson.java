package io.cortexsync.schema.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import io.cortexsync.schema.model.DeadLetter;
import io.cortexsync.schema.model.EntityChange;
import io.cortexsync.schema.model.RepairRecord;
import io.cortexsync.schema.model.SyncEntity;
import io.cortexsync.schema.model.SyncEvent;

/**
 * The JSON form of every record that crosses Kafka, one {@link JsonCodec} per record.
 *
 * <p>Field names are snake_case, enums are their names, times are ISO-8601 UTC strings (epoch
 * milliseconds are accepted on read), vectors are arrays of numbers, absent optional fields are
 * left out. Readers ignore unknown fields and name the missing or invalid field in their
 * exceptions. The fields of each record are listed in the module's SCHEMA.md.
 */
public final class SchemaJson {

    /**
     * Numbers written in their shortest form, the same on every JDK; characters outside the BMP
     * written as 4-byte UTF-8 rather than escaped surrogates; NaN accepted on read; a field given
     * twice rejected, so that no two readers can see different values for it.
     */
    static final JsonFactory FACTORY =
            JsonFactory.builder()
                    .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
                    .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
                    .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build();

    public static final JsonCodec<SyncEntity> SYNC_ENTITY = new SyncEntityJson();
    public static final JsonCodec<EntityChange> ENTITY_CHANGE = new EntityChangeJson();
    public static final JsonCodec<SyncEvent> SYNC_EVENT = new SyncEventJson();
    public static final JsonCodec<RepairRecord> REPAIR_RECORD = new RepairRecordJson();
    public static final JsonCodec<DeadLetter> DEAD_LETTER = new DeadLetterJson();

    private SchemaJson() {}
}
