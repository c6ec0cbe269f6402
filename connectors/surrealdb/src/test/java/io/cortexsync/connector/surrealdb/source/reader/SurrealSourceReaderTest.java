package io.cortexsync.connector.surrealdb.source.reader;

import io.cortexsync.connector.surrealdb.source.StartingMode;
import io.cortexsync.connector.surrealdb.source.SourceTestData;
import io.cortexsync.connector.surrealdb.source.SurrealRecordDeserializer;
import io.cortexsync.connector.surrealdb.source.SurrealSource;
import io.cortexsync.connector.surrealdb.source.SurrealSourceConfig;
import io.cortexsync.connector.surrealdb.source.record.SurrealChange;
import io.cortexsync.connector.surrealdb.source.split.KeyRange;
import io.cortexsync.connector.surrealdb.source.split.SnapshotSplit;
import io.cortexsync.connector.surrealdb.source.split.SurrealSplit;
import org.apache.flink.connector.testutils.source.reader.TestingReaderContext;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the reader asks the enumerator for splits. Only splits that are already finished are added
 * here, so no fetcher starts and no store is needed.
 */
class SurrealSourceReaderTest {

    @Test
    void restoredSplitsAddedBeforeStartSendNoRequestAndStartSendsOne() throws Exception {
        TestingReaderContext context = new TestingReaderContext();
        try (SurrealSourceReader<SurrealChange> reader =
                SurrealSourceReader.create(config(), SurrealRecordDeserializer.changes(), context)) {
            // a chunk restored from a checkpoint taken before the enumerator acknowledged it
            reader.addSplits(List.of(finishedChunk(0)));
            assertThat(context.getNumSplitRequests())
                    .as("a request before the reader has registered would be set aside by the enumerator")
                    .isZero();

            reader.start();
            assertThat(context.getNumSplitRequests()).isEqualTo(1);

            // an assignment answers the request, and the reader, still short of splits, asks again
            reader.addSplits(List.of(finishedChunk(1)));
            assertThat(context.getNumSplitRequests()).isEqualTo(2);
        }
    }

    @Test
    void aReaderAsksOnceUntilAnswered() throws Exception {
        TestingReaderContext context = new TestingReaderContext();
        try (SurrealSourceReader<SurrealChange> reader =
                SurrealSourceReader.create(config(), SurrealRecordDeserializer.changes(), context)) {
            reader.start();
            reader.start();
            assertThat(context.getNumSplitRequests()).isEqualTo(1);
        }
    }

    private static SurrealSplit finishedChunk(int index) {
        return new SnapshotSplit("docs", index, KeyRange.all(), null, 1L, 2L);
    }

    private static SurrealSourceConfig config() {
        return SurrealSource.<SurrealChange>builder()
                .setConnectionConfig(SourceTestData.connection("http://127.0.0.1:1", "root", "root", "reader_test").build())
                .setTables("docs")
                .setStartingMode(StartingMode.SNAPSHOT_ONLY)
                .setDeserializer(SurrealRecordDeserializer.changes())
                .build()
                .config();
    }
}
