package io.cortexsync.connector.surrealdb.source;

import io.cortexsync.connector.surrealdb.source.record.SurrealChange;
import io.cortexsync.connector.surrealdb.source.record.SurrealChangeSerializer;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.util.Collector;

import java.io.IOException;
import java.io.Serializable;

/**
 * Turns each {@link SurrealChange} the source reads into zero or more records of type {@code T}.
 *
 * @param <T> the type the source emits
 */
@PublicEvolving
public interface SurrealRecordDeserializer<T> extends Serializable, ResultTypeQueryable<T> {

    /** Emits what {@code change} becomes; throwing fails the job (route bad records instead). */
    void deserialize(SurrealChange change, Collector<T> out) throws IOException;

    /** The default: every change as it is read, deletes included as tombstones. */
    static SurrealRecordDeserializer<SurrealChange> changes() {
        return new SurrealRecordDeserializer<>() {
            private static final long serialVersionUID = 1L;

            @Override
            public void deserialize(SurrealChange change, Collector<SurrealChange> out) {
                out.collect(change);
            }

            @Override
            public TypeInformation<SurrealChange> getProducedType() {
                return SurrealChangeSerializer.TYPE_INFO;
            }
        };
    }
}
