package io.cortexsync.jobs.cdc;

import io.cortexsync.connector.qdrant.admin.QdrantCollectionAdmin;
import io.cortexsync.connector.qdrant.client.QdrantConnection;
import io.cortexsync.connector.qdrant.client.QdrantConnectionConfig;
import io.cortexsync.connector.surrealdb.source.convert.SnapshotDone;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.metrics.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends a snapshot in Qdrant: deletes the points of the snapshot's table that were last written
 * before the snapshot began. The source sends its {@link SnapshotDone} only once every snapshot
 * record passed a completed checkpoint, so every record that exists has been rewritten since; an
 * older point belongs to a record deleted while no change feed covered it (before the first run,
 * or in the gap a re-snapshot closes). Deleting by filter is idempotent: a replay does it again.
 */
final class SnapshotPruneSink implements Sink<SnapshotDone> {

    private static final long serialVersionUID = 1L;

    private final QdrantConnectionConfig qdrant;
    private final String collection;

    SnapshotPruneSink(QdrantConnectionConfig qdrant, String collection) {
        this.qdrant = qdrant;
        this.collection = collection;
    }

    @Override
    public SinkWriter<SnapshotDone> createWriter(WriterInitContext context) {
        return new PruneWriter(QdrantConnection.open(qdrant), collection,
                context.metricGroup().counter("orphansDeleted"));
    }

    private static final class PruneWriter implements SinkWriter<SnapshotDone> {

        private static final Logger LOG = LoggerFactory.getLogger(SnapshotPruneSink.class);

        private final QdrantConnection connection;
        private final String collection;
        private final Counter orphansDeleted;

        PruneWriter(QdrantConnection connection, String collection, Counter orphansDeleted) {
            this.connection = connection;
            this.collection = collection;
            this.orphansDeleted = orphansDeleted;
        }

        @Override
        public void write(SnapshotDone done, Context context) {
            long deleted = new QdrantCollectionAdmin(connection).deleteSyncedBefore(collection, done.table(), done.startedAt());
            orphansDeleted.inc(deleted);
            LOG.info("Snapshot of table '{}' begun at {} is complete: deleted {} points of records that no longer exist",
                    done.table(), done.startedAt(), deleted);
        }

        @Override
        public void flush(boolean endOfInput) {}

        @Override
        public void close() {
            connection.close();
        }
    }
}
