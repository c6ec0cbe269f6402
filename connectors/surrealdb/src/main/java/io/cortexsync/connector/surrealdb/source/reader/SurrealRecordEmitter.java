package io.cortexsync.connector.surrealdb.source.reader;

import io.cortexsync.connector.surrealdb.source.SurrealRecordDeserializer;
import io.cortexsync.connector.surrealdb.source.split.SnapshotSplitState;
import io.cortexsync.connector.surrealdb.source.split.StreamSplitState;
import io.cortexsync.connector.surrealdb.source.split.SurrealSplitState;

import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.connector.base.source.reader.RecordEmitter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;

/** Emits each change through the deserializer, then records the split's progress. */
final class SurrealRecordEmitter<T> implements RecordEmitter<ReadRecord, T, SurrealSplitState> {

    private final SurrealRecordDeserializer<T> deserializer;
    private final Counter numRecordsIn;
    private final OutputCollector<T> collector = new OutputCollector<>();

    SurrealRecordEmitter(SurrealRecordDeserializer<T> deserializer, Counter numRecordsIn) {
        this.deserializer = deserializer;
        this.numRecordsIn = numRecordsIn;
    }

    @Override
    public void emitRecord(ReadRecord record, SourceOutput<T> output, SurrealSplitState state) throws Exception {
        if (record.change.isSnapshotDone()) {
            // the reader base counts every fetched element; a marker is no record of the store
            numRecordsIn.dec();
        }
        collector.output = output;
        deserializer.deserialize(record.change, collector);
        if (state instanceof SnapshotSplitState) {
            SnapshotSplitState snapshot = (SnapshotSplitState) state;
            if (record.low >= 0) {
                snapshot.scannedAfter(record.low);
            }
            if (record.advancesKey) {
                snapshot.emitted(record.change.id().key());
            }
        } else {
            StreamSplitState stream = (StreamSplitState) state;
            stream.advanceTo(record.position, record.processedAtPosition);
            if (record.lastMarker) {
                stream.markersEmitted();
            }
        }
    }

    private static final class OutputCollector<T> implements Collector<T> {
        private SourceOutput<T> output;

        @Override
        public void collect(T record) {
            output.collect(record);
        }

        @Override
        public void close() {}
    }
}
