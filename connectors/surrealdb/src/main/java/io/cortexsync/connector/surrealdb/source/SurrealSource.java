package io.cortexsync.connector.surrealdb.source;

import io.cortexsync.connector.surrealdb.source.enumerator.SurrealEnumeratorState;
import io.cortexsync.connector.surrealdb.source.enumerator.SurrealEnumeratorStateSerializer;
import io.cortexsync.connector.surrealdb.source.enumerator.SurrealSourceEnumerator;
import io.cortexsync.connector.surrealdb.source.reader.SurrealSourceReader;
import io.cortexsync.connector.surrealdb.source.split.SurrealSplit;
import io.cortexsync.connector.surrealdb.source.split.SurrealSplitSerializer;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.annotation.PublicEvolving;

/**
 * A FLIP-27 source reading SurrealDB tables: a parallel snapshot cut into record-id ranges, then
 * (if asked) the database's change feed, with an exactly-once handover between the two.
 *
 * <pre>{@code
 * SurrealSource<SurrealChange> source = SurrealSource.<SurrealChange>builder()
 *         .setConnectionConfig(connectionConfig)
 *         .setTables("docs")
 *         .setStartingMode(StartingMode.SNAPSHOT_THEN_CHANGES)
 *         .setVectorFields("embedding")
 *         .setDeserializer(SurrealRecordDeserializer.changes())
 *         .build();
 * }</pre>
 *
 * @param <T> the records it emits
 */
@PublicEvolving
public final class SurrealSource<T>
        implements Source<T, SurrealSplit, SurrealEnumeratorState>, ResultTypeQueryable<T> {

    private static final long serialVersionUID = 1L;

    private final SurrealSourceConfig config;
    private final SurrealRecordDeserializer<T> deserializer;

    SurrealSource(SurrealSourceConfig config, SurrealRecordDeserializer<T> deserializer) {
        this.config = config;
        this.deserializer = deserializer;
    }

    public static <T> SurrealSourceBuilder<T> builder() {
        return new SurrealSourceBuilder<>();
    }

    public SurrealSourceConfig config() {
        return config;
    }

    @Override
    public Boundedness getBoundedness() {
        return config.readsChanges() ? Boundedness.CONTINUOUS_UNBOUNDED : Boundedness.BOUNDED;
    }

    @Override
    public SourceReader<T, SurrealSplit> createReader(SourceReaderContext readerContext) {
        return SurrealSourceReader.create(config, deserializer, readerContext);
    }

    @Override
    public SplitEnumerator<SurrealSplit, SurrealEnumeratorState> createEnumerator(
            SplitEnumeratorContext<SurrealSplit> enumContext) {
        return new SurrealSourceEnumerator(enumContext, config, SurrealEnumeratorState.initial());
    }

    @Override
    public SplitEnumerator<SurrealSplit, SurrealEnumeratorState> restoreEnumerator(
            SplitEnumeratorContext<SurrealSplit> enumContext, SurrealEnumeratorState checkpoint) {
        return new SurrealSourceEnumerator(enumContext, config, checkpoint);
    }

    @Override
    public SimpleVersionedSerializer<SurrealSplit> getSplitSerializer() {
        return SurrealSplitSerializer.INSTANCE;
    }

    @Override
    public SimpleVersionedSerializer<SurrealEnumeratorState> getEnumeratorCheckpointSerializer() {
        return SurrealEnumeratorStateSerializer.INSTANCE;
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return deserializer.getProducedType();
    }
}
