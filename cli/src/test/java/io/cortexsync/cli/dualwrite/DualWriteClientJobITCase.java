package io.cortexsync.cli.dualwrite;

import io.cortexsync.cli.run.StreamingTestRun;
import io.cortexsync.connector.dualwrite.client.DualWriteClient;
import io.cortexsync.connector.dualwrite.client.SyncFuture;
import io.cortexsync.connector.surrealdb.client.SurrealClient;
import io.cortexsync.connector.surrealdb.client.SurrealRecordId;
import io.cortexsync.schema.ids.RecordId;
import io.cortexsync.schema.model.SyncEntity;
import io.cortexsync.schema.model.SyncEvent;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import static io.cortexsync.cli.dualwrite.DualWriteEndToEndITCase.DIM;
import static io.cortexsync.cli.dualwrite.DualWriteEndToEndITCase.TABLE;
import static io.cortexsync.cli.dualwrite.DualWriteEndToEndITCase.entity;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The applications' front door against the running job: {@code DualWriteClient}'s futures
 * complete with the final event of their own change (SYNCED, CONFLICT, DEAD_LETTER), deletes
 * included, and subscribers see every event.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class DualWriteClientJobITCase {

    @RegisterExtension
    static final DualWriteTestSupport support = new DualWriteTestSupport("dual-write-client");

    @Test
    void futuresCompleteWithTheFinalEventOfTheirOwnChange(@TempDir Path dir) throws Exception {
        String ns = "dw_client";
        List<String> args = support.args(ns, "dw_client", dir, "client-input", "client-events");
        try (StreamingTestRun run = DualWriteTestRun.start(args)) {
            // the job creates the topics; the client needs them to exist
            support.awaitRunning(run);
            ConcurrentLinkedQueue<SyncEvent> seen = new ConcurrentLinkedQueue<>();
            try (DualWriteClient client = DualWriteClient.builder()
                    .setBootstrapServers(support.kafka().bootstrapServers())
                    .setInputTopic("client-input")
                    .setEventsTopic("client-events")
                    .setDefaultTimeout(Duration.ofMinutes(2))
                    .build()) {
                client.subscribe(seen::add);
                List<SyncEntity> batch = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    batch.add(entity("c" + i, 1L, i));
                }
                List<SyncFuture> created = client.sendAll(batch);
                for (SyncFuture future : created) {
                    SyncEvent event = client.await(future);
                    assertThat(event.type()).as("%s", event).isEqualTo(SyncEvent.Type.SYNCED);
                    assertThat(event.requestId()).isEqualTo(future.requestId());
                }
                SyncEvent updated = client.await(client.send(entity("c0", 2L, 100)));
                SyncEvent stale = client.await(client.send(entity("c1", 1L, 101)));
                SyncEvent deleted = client.await(client.delete(RecordId.of(TABLE, "c2"), 2L));
                SyncEvent staleAfterDelete = client.await(client.send(entity("c2", 1L, 102)));
                SyncEvent wrongDimension = client.await(client.send(entity("c3", 2L, 103).toBuilder().vector(new float[] {1f}).build()));

                assertThat(updated.type()).isEqualTo(SyncEvent.Type.SYNCED);
                assertThat(stale.type()).isEqualTo(SyncEvent.Type.CONFLICT);
                assertThat(stale.detail()).contains("version 1 is not newer than the stored version 1");
                assertThat(deleted.type()).isEqualTo(SyncEvent.Type.SYNCED);
                assertThat(deleted.detail()).isEqualTo("deleted");
                assertThat(staleAfterDelete.type()).isEqualTo(SyncEvent.Type.CONFLICT);
                assertThat(wrongDimension.type()).isEqualTo(SyncEvent.Type.DEAD_LETTER);
                assertThat(wrongDimension.detail()).contains("vector of dimension 1, expected " + DIM);
                assertThat(seen).extracting(SyncEvent::requestId).contains(updated.requestId(), deleted.requestId());
            }
            try (SurrealClient surreal = support.stores().surrealClient(ns)) {
                assertThat(surreal.select(SurrealRecordId.of(TABLE, "c0")).orElseThrow().get("version")).isEqualTo(2L);
                assertThat(surreal.select(SurrealRecordId.of(TABLE, "c2"))).isEmpty();
            }
            assertThat(run.stop().stopped()).as(run.printed()).isTrue();
        }
    }
}
