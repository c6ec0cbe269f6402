package io.cortexsync.connector.qdrant.source.reader;

import io.cortexsync.connector.qdrant.source.QdrantPointDeserializer;
import io.cortexsync.connector.qdrant.source.split.QdrantSplitState;

import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.connector.base.source.reader.RecordEmitter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;

/** Deserializes a point, emits what it gives, and moves the split's offset past the point. */
final class QdrantRecordEmitter<T> implements RecordEmitter<ScrolledPoint, T, QdrantSplitState> {

    private final QdrantPointDeserializer<T> deserializer;
    private final Counter pointsRead;
    private final OutputCollector<T> collector = new OutputCollector<>();

    QdrantRecordEmitter(QdrantPointDeserializer<T> deserializer, Counter pointsRead) {
        this.deserializer = deserializer;
        this.pointsRead = pointsRead;
    }

    @Override
    public void emitRecord(ScrolledPoint scrolled, SourceOutput<T> output, QdrantSplitState state) throws Exception {
        collector.output = output;
        deserializer.deserialize(scrolled.point, collector);
        state.emitted(scrolled.next);
        pointsRead.inc();
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
