package io.cortexsync.connector.surrealdb.source.reader;

import io.cortexsync.connector.common.reader.WakeableWait;
import io.cortexsync.connector.surrealdb.client.SurrealClient;
import io.cortexsync.connector.surrealdb.source.SurrealSourceConfig;
import io.cortexsync.connector.surrealdb.source.changes.ChangeFeed;
import io.cortexsync.connector.surrealdb.source.split.SurrealSplit;
import io.cortexsync.connector.surrealdb.source.split.SnapshotSplit;
import io.cortexsync.connector.surrealdb.source.split.StreamSplit;

import org.apache.flink.connector.base.source.reader.RecordsBySplits;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsChange;
import org.apache.flink.metrics.Counter;

import java.util.ArrayDeque;
import java.time.Duration;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * Reads the splits assigned to one reader: each snapshot chunk in one fetch, then the change
 * stream one page per fetch. When the stream is caught up, a fetch waits for the poll interval
 * or until {@link #wakeUp()}.
 */
final class SurrealSplitReader implements SplitReader<ReadRecord, SurrealSplit> {

    private final SurrealSourceConfig config;
    private final SurrealClient client;
    private final ChangeFeed feed;
    private final ChunkReader chunkReader;
    private final String heartbeatKey;
    private final ReaderShared shared;
    private final Counter bytesIn;
    private final Deque<SnapshotSplit> chunks = new ArrayDeque<>();
    private StreamReader stream;
    private boolean streamCaughtUp;
    private Duration streamWait;
    private final WakeableWait wait = new WakeableWait();

    SurrealSplitReader(SurrealSourceConfig config, String heartbeatKey, ReaderShared shared, Counter bytesIn) {
        this.config = config;
        this.client = SurrealClient.create(config.connection());
        this.feed = new ChangeFeed(client, config.vectorFields());
        this.heartbeatKey = heartbeatKey;
        this.chunkReader = new ChunkReader(client, feed, config, heartbeatKey);
        this.shared = shared;
        this.bytesIn = bytesIn;
    }

    @Override
    public RecordsWithSplitIds<ReadRecord> fetch() {
        long bytesBefore = client.metrics().bytesReceived();
        try {
            if (!chunks.isEmpty()) {
                return readChunk(chunks.poll());
            }
            if (stream != null) {
                if (streamCaughtUp) {
                    wait.await(streamWait);
                }
                return readStream();
            }
            return new RecordsBySplits.Builder<ReadRecord>().build();
        } finally {
            bytesIn.inc(client.metrics().bytesReceived() - bytesBefore);
        }
    }

    private RecordsWithSplitIds<ReadRecord> readChunk(SnapshotSplit split) {
        ChunkReader.Chunk chunk = chunkReader.read(split);
        shared.chunkFinished(split.splitId(), chunk.high);
        RecordsBySplits.Builder<ReadRecord> builder = new RecordsBySplits.Builder<>();
        builder.addAll(split.splitId(), chunk.records);
        builder.addFinishedSplit(split.splitId());
        return builder.build();
    }

    private RecordsWithSplitIds<ReadRecord> readStream() {
        String expiry = stream.expiry();
        if (expiry != null) {
            if (stream.failsOnExpiry()) {
                throw new ChangeFeedPositionExpiredException(expiry);
            }
            stream = null;
            shared.streamExpired(expiry);
            return new RecordsBySplits<>(Collections.emptyMap(), Set.of(StreamSplit.SPLIT_ID));
        }
        StreamReader.Batch batch = stream.fetch();
        streamCaughtUp = batch.caughtUp;
        streamWait = batch.nextFetchIn;
        if (!batch.repeated) {
            // a caught-up stream re-reads the position's own entries when they fill a small page:
            // that is no sign of being behind, and must not flash a lag on a quiet database
            shared.streamPosition(batch.position, batch.caughtUp);
        }
        return new StreamFetch(batch.records, () -> shared.applyStreamProgress(batch.position, batch.processedAtPosition));
    }

    @Override
    public void handleSplitsChanges(SplitsChange<SurrealSplit> splitsChanges) {
        if (!(splitsChanges instanceof SplitsAddition)) {
            throw new UnsupportedOperationException("unsupported splits change " + splitsChanges.getClass().getSimpleName());
        }
        for (SurrealSplit split : splitsChanges.splits()) {
            if (split.isSnapshot()) {
                chunks.add(split.asSnapshot());
            } else {
                stream = new StreamReader(feed, config, heartbeatKey, split.asStream());
                streamCaughtUp = false;
            }
        }
    }

    @Override
    public void wakeUp() {
        wait.wakeUp();
    }

    @Override
    public void close() {
        client.close();
    }

    /** A page of the change stream; once emitted, the stream state moves past the page's tail. */
    private static final class StreamFetch implements RecordsWithSplitIds<ReadRecord> {
        private final List<ReadRecord> records;
        private final Runnable onEmitted;
        private boolean splitReturned;
        private int next;

        StreamFetch(List<ReadRecord> records, Runnable onEmitted) {
            this.records = records;
            this.onEmitted = onEmitted;
        }

        @Override
        public String nextSplit() {
            if (splitReturned) {
                return null;
            }
            splitReturned = true;
            return StreamSplit.SPLIT_ID;
        }

        @Override
        public ReadRecord nextRecordFromSplit() {
            return next < records.size() ? records.get(next++) : null;
        }

        @Override
        public Set<String> finishedSplits() {
            return Set.of();
        }

        @Override
        public void recycle() {
            onEmitted.run();
        }
    }
}
