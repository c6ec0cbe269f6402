package io.cortexsync.jobs.common;

import io.cortexsync.connector.surrealdb.source.SurrealRecordDeserializer;
import io.cortexsync.connector.surrealdb.source.SurrealSourceBuilder;
import io.cortexsync.connector.surrealdb.source.convert.EntityChangeConverter;
import io.cortexsync.connector.surrealdb.source.convert.SyncEntityConverter;
import io.cortexsync.connector.surrealdb.source.record.SurrealChange;
import io.cortexsync.jobs.migrate.MigrationMapping;
import io.cortexsync.schema.model.EntityChange;
import io.cortexsync.schema.model.SyncEntity;
import io.cortexsync.schema.serialization.SchemaTypes;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.util.List;

/**
 * How the jobs read SurrealDB: a SurrealSource of the tables and the converter that makes each
 * record the sync model, mapped alike in every job. A record that cannot be synced leaves on the
 * converter's dead-letter side output. The source's uid is the same in every job, and each job
 * keeps its converter's: a checkpoint finds its state by uid.
 */
@Internal
public final class SurrealReads {

    /** The SurrealDB source's uid in every job that reads SurrealDB. */
    public static final String SOURCE_UID = "surrealdb-source";

    private SurrealReads() {}

    /**
     * The records {@code source} reads (a snapshot, or snapshot reads and upserts) as entities, named
     * "to SyncEntity". {@code source} has its connection and starting mode; the tables, the vector
     * field and the deserializer are set here.
     */
    public static SingleOutputStreamOperator<SyncEntity> entities(StreamExecutionEnvironment env,
            SurrealSourceBuilder<SurrealChange> source, List<String> tables, String vectorField, int dimension,
            String converterUid) {
        return read(env, source, "SurrealDB ", tables, vectorField,
                new SyncEntityConverter(MigrationMapping.of(vectorField, dimension)), SchemaTypes.SYNC_ENTITY,
                "to SyncEntity", converterUid);
    }

    /**
     * The records and changes {@code source} reads as one ordered stream of upserts and deletes,
     * named "to EntityChange", each finished snapshot on {@link EntityChangeConverter#SNAPSHOTS};
     * {@code source} is set up as for {@link #entities}.
     */
    public static SingleOutputStreamOperator<EntityChange> changes(StreamExecutionEnvironment env,
            SurrealSourceBuilder<SurrealChange> source, List<String> tables, String vectorField, int dimension,
            String converterUid) {
        return read(env, source, "SurrealDB changes ", tables, vectorField,
                new EntityChangeConverter(MigrationMapping.of(vectorField, dimension)), SchemaTypes.ENTITY_CHANGE,
                "to EntityChange", converterUid);
    }

    private static <T> SingleOutputStreamOperator<T> read(StreamExecutionEnvironment env,
            SurrealSourceBuilder<SurrealChange> source, String sourceName, List<String> tables, String vectorField,
            ProcessFunction<SurrealChange, T> converter, TypeInformation<T> type, String converterName, String converterUid) {
        source.setTables(tables).setVectorFields(vectorField).setDeserializer(SurrealRecordDeserializer.changes());
        return env.fromSource(source.build(), WatermarkStrategy.noWatermarks(), sourceName + String.join(",", tables))
                .uid(SOURCE_UID)
                .process(converter)
                .returns(type)
                .name(converterName)
                .uid(converterUid);
    }
}
