package io.cortexsync.connector.dualwrite.client;

import io.cortexsync.schema.ids.RecordId;
import io.cortexsync.schema.json.SchemaJson;
import io.cortexsync.schema.model.SyncEvent;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.cortexsync.connector.dualwrite.client.PendingRequestsTest.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The client is for applications, which must not need Flink: the test classpath is the client's
 * runtime classpath plus test tools, none of which brings Flink (state-schemas has it provided),
 * and the client sends a change and reads its answer on it.
 */
class NoFlinkOnTheClassPathTest {

    @Test
    void flinkIsNotOnTheClassPath() {
        assertThatThrownBy(() -> Class.forName("org.apache.flink.core.memory.DataOutputView"))
                .isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName("org.apache.flink.annotation.PublicEvolving"))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void theClientWorksWithoutIt() throws Exception {
        MockedKafka kafka = new MockedKafka(true);
        try (DualWriteClient client = kafka.client(Duration.ofMinutes(1), 10)) {
            SyncFuture future = client.send(DualWriteClientTest.entity(RecordId.of("doc", 42), 1L));
            assertThat(kafka.changes()).singleElement().extracting(c -> c.requestId()).isEqualTo(future.requestId());

            kafka.publish(event(SyncEvent.Type.SYNCED, future.requestId()));

            assertThat(client.await(future, Duration.ofSeconds(30))).isEqualTo(event(SyncEvent.Type.SYNCED, future.requestId()));
            assertThat(SchemaJson.SYNC_EVENT.read(SchemaJson.SYNC_EVENT.write(future.join()))).isEqualTo(future.join());
        }
    }
}
