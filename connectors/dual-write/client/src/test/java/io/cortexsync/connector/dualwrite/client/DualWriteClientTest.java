package io.cortexsync.connector.dualwrite.client;

import io.cortexsync.schema.ids.RecordId;
import io.cortexsync.schema.model.EntityChange;
import io.cortexsync.schema.model.SyncEntity;
import io.cortexsync.schema.model.SyncEvent;
import io.cortexsync.testkit.logging.LogCapture;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static io.cortexsync.connector.dualwrite.client.PendingRequestsTest.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The client over Kafka's mock producer and consumer: what needs no broker. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class DualWriteClientTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    final LogCapture readerLog = LogCapture.of(EventReader.class);

    private final MockedKafka kafka = new MockedKafka(true);
    private DualWriteClient client;

    @AfterEach
    void close() {
        if (client != null) {
            client.close();
        }
    }

    @Test
    void eachChangeIsKeyedByItsRecordIdWithAFreshRequestId() {
        client = kafka.client(Duration.ofMinutes(1), 100);
        RecordId hostile = RecordId.of("doc", "naïve café ⟩ 🚀");

        List<SyncFuture> futures = List.of(
                client.send(entity(RecordId.of("doc", 42), 3L)),
                client.send(entity(hostile, null)),
                client.delete(RecordId.of("doc", 7)),
                client.delete(RecordId.of("doc", 8), 12));

        List<ProducerRecord<byte[], byte[]>> records = kafka.records();
        assertThat(records).extracting(ProducerRecord::topic).containsOnly(MockedKafka.INPUT);
        assertThat(records).extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
                .containsExactly("doc:42", hostile.canonical(), "doc:7", "doc:8");
        List<EntityChange> changes = kafka.changes();
        assertThat(changes).extracting(EntityChange::requestId)
                .containsExactlyElementsOf(futures.stream().map(SyncFuture::requestId).toList())
                .doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat(UUID.fromString(id).toString()).isEqualTo(id));
        assertThat(changes).extracting(EntityChange::operation).containsExactly(EntityChange.Operation.UPSERT,
                EntityChange.Operation.UPSERT, EntityChange.Operation.DELETE, EntityChange.Operation.DELETE);
        assertThat(changes).extracting(EntityChange::version).containsExactly(3L, null, null, 12L);
        assertThat(changes.get(0).entity()).isEqualTo(entity(RecordId.of("doc", 42), 3L));
        assertThat(changes.get(1).recordId()).isEqualTo(hostile);
        assertThat(changes).allSatisfy(c -> assertThat(c.time()).isAfter(Instant.now().minusSeconds(600)));
        assertThat(futures).extracting(SyncFuture::recordId)
                .containsExactly(RecordId.of("doc", 42), hostile, RecordId.of("doc", 7), RecordId.of("doc", 8));
        assertThat(client.pendingRequests()).isEqualTo(4);
    }

    @Test
    void theFinalEventCompletesTheFutureWhileRetryingOnlyReachesSubscribers() throws Exception {
        client = kafka.client(Duration.ofMinutes(1), 100);
        BlockingQueue<SyncEvent> seen = new LinkedBlockingQueue<>();
        client.subscribe(seen::add);
        SyncFuture future = client.send(entity(RecordId.of("doc", 42), 1L));

        kafka.publish(event(SyncEvent.Type.RETRYING, future.requestId()));
        assertThat(seen.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).extracting(SyncEvent::type).isEqualTo(SyncEvent.Type.RETRYING);
        assertThat(future).isNotDone();

        kafka.publish(event(SyncEvent.Type.CONFLICT, future.requestId()));
        SyncEvent answer = client.await(future, WAIT);

        assertThat(answer.type()).isEqualTo(SyncEvent.Type.CONFLICT);
        assertThat(answer.requestId()).isEqualTo(future.requestId());
        // listeners see an event before the future it completes
        assertThat(seen.poll()).isEqualTo(answer);
        assertThat(client.pendingRequests()).isZero();
    }

    @Test
    void eventsOfOtherRequestsReachSubscribersButNoFuture() throws Exception {
        client = kafka.client(Duration.ofMinutes(1), 100);
        BlockingQueue<SyncEvent> seen = new LinkedBlockingQueue<>();
        client.subscribe(seen::add);
        SyncFuture future = client.send(entity(RecordId.of("doc", 42), 1L));

        kafka.publish(event(SyncEvent.Type.SYNCED, "another-client-request"));
        kafka.publish(event(SyncEvent.Type.DEAD_LETTER, null));

        assertThat(seen.poll(WAIT.toSeconds(), TimeUnit.SECONDS).requestId()).isEqualTo("another-client-request");
        assertThat(seen.poll(WAIT.toSeconds(), TimeUnit.SECONDS).requestId()).isNull();
        assertThat(future).isNotDone();
    }

    @Test
    void aRecordThatIsNoEventIsSkipped() throws Exception {
        client = kafka.client(Duration.ofMinutes(1), 100);
        SyncFuture future = client.send(entity(RecordId.of("doc", 42), 1L));

        kafka.publishRaw("not json".getBytes(StandardCharsets.UTF_8));
        kafka.publishRaw(null);
        kafka.publish(event(SyncEvent.Type.SYNCED, future.requestId()));

        assertThat(client.await(future, WAIT).type()).isEqualTo(SyncEvent.Type.SYNCED);
        assertThat(readerLog.messages()).singleElement().asString()
                .startsWith("Skipping the record at events-0@7: not a sync event: SyncEvent: malformed JSON");
    }

    @Test
    void aFailedWriteFailsTheFutureNamingTheRequest() {
        MockedKafka manual = new MockedKafka(false);
        client = manual.client(Duration.ofMinutes(1), 100);
        SyncFuture future = client.send(entity(RecordId.of("doc", 42), 1L));

        manual.producer.errorNext(new RecordTooLargeException("the request is too large"));

        assertThatThrownBy(() -> client.await(future, WAIT))
                .isInstanceOf(DualWriteClientException.class)
                .hasMessageStartingWith("request " + future.requestId() + " (doc:42) could not be written to topic changes")
                .hasCauseInstanceOf(RecordTooLargeException.class)
                .extracting(e -> ((DualWriteClientException) e).requestId()).isEqualTo(future.requestId());
        assertThat(client.pendingRequests()).isZero();
    }

    @Test
    void aProducerThatThrowsFailsTheFuture() {
        client = kafka.client(Duration.ofMinutes(1), 100);
        kafka.producer.sendException = new SerializationException("cannot serialize");

        SyncFuture future = client.send(entity(RecordId.of("doc", 42), 1L));

        assertThat(future).isCompletedExceptionally();
        assertThatThrownBy(future::join).hasCauseInstanceOf(DualWriteClientException.class)
                .hasRootCauseMessage("cannot serialize");
        assertThat(client.pendingRequests()).isZero();
    }

    @Test
    void anUnansweredRequestTimesOutNamingItAndIsForgotten() {
        client = kafka.client(Duration.ofMillis(300), 100);
        SyncFuture future = client.send(entity(RecordId.of("doc", 42), 1L));

        assertThatThrownBy(() -> client.await(future, WAIT))
                .isInstanceOf(TimeoutException.class)
                .hasMessageStartingWith("no final event for request " + future.requestId() + " (doc:42) within PT0.3S");
        assertThat(client.pendingRequests()).isZero();
    }

    @Test
    void awaitGivingUpFirstNamesTheRequestThatStillWaits() throws Exception {
        client = kafka.client(Duration.ofMinutes(1), 100);
        SyncFuture future = client.send(entity(RecordId.of("doc", 42), 1L));

        assertThatThrownBy(() -> client.await(future, Duration.ofMillis(50)))
                .isInstanceOf(TimeoutException.class)
                .hasMessage("no final event for request " + future.requestId() + " (doc:42) within PT0.05S (await);"
                        + " the request still waits for it until the client's timeout (PT1M)");
        assertThat(future).isNotDone();

        kafka.publish(event(SyncEvent.Type.SYNCED, future.requestId()));
        assertThat(client.await(future, WAIT).type()).isEqualTo(SyncEvent.Type.SYNCED);
    }

    @Test
    void requestsBeyondTheLimitFailAtOnceUnsent() {
        client = kafka.client(Duration.ofMinutes(1), 2);

        List<SyncFuture> futures = client.sendAll(List.of(entity(RecordId.of("doc", 1), 1L),
                entity(RecordId.of("doc", 2), 1L), entity(RecordId.of("doc", 3), 1L)));

        assertThat(futures.get(0)).isNotDone();
        assertThat(futures.get(1)).isNotDone();
        assertThatThrownBy(futures.get(2)::join).hasCauseInstanceOf(RejectedExecutionException.class);
        assertThat(kafka.records()).hasSize(2);
    }

    @Test
    void sendAllKeepsTheOrderAndChecksEveryEntityFirst() {
        client = kafka.client(Duration.ofMinutes(1), 100);
        List<SyncEntity> withNull = new java.util.ArrayList<>(List.of(entity(RecordId.of("doc", 1), 1L)));
        withNull.add(null);

        assertThatThrownBy(() -> client.sendAll(withNull)).isInstanceOf(NullPointerException.class);
        assertThat(kafka.records()).isEmpty();

        List<SyncFuture> futures = client.sendAll(List.of(entity(RecordId.of("doc", 1), 1L),
                entity(RecordId.of("doc", 1), 2L), entity(RecordId.of("doc", 2), 1L)));
        assertThat(kafka.changes()).extracting(EntityChange::requestId)
                .containsExactlyElementsOf(futures.stream().map(SyncFuture::requestId).toList());
        assertThat(kafka.changes()).extracting(EntityChange::version).containsExactly(1L, 2L, 1L);
    }

    @Test
    void closeFailsWaitingRequestsAndRefusesNewOnes() {
        client = kafka.client(Duration.ofMinutes(1), 100);
        SyncFuture future = client.send(entity(RecordId.of("doc", 42), 1L));

        client.close();
        client.close();

        assertThatThrownBy(() -> client.await(future, WAIT))
                .isInstanceOf(DualWriteClientException.class)
                .hasMessage("the client closed before the final event of request " + future.requestId()
                        + " (doc:42) arrived; the job may still apply the change: its events carry the request id");
        assertThatThrownBy(() -> client.send(entity(RecordId.of("doc", 1), 1L)))
                .isInstanceOf(IllegalStateException.class).hasMessage("the DualWriteClient is closed");
        assertThat(kafka.producer.closed()).isTrue();
        assertThat(kafka.consumer.closed()).isTrue();
    }

    @Test
    void aListenerMayCloseTheClient() throws Exception {
        client = kafka.client(Duration.ofMinutes(1), 100);
        SyncFuture other = client.send(entity(RecordId.of("doc", 1), 1L));
        client.subscribe(event -> client.close());

        kafka.publish(event(SyncEvent.Type.RETRYING, other.requestId()));

        assertThatThrownBy(() -> client.await(other, WAIT)).isInstanceOf(DualWriteClientException.class)
                .hasMessageContaining("the client closed");
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!kafka.consumer.closed() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(kafka.consumer.closed()).isTrue();
    }

    @Test
    void aStoppedReaderFailsWaitingAndLaterRequests() {
        client = kafka.client(Duration.ofMinutes(1), 100);
        SyncFuture waiting = client.send(entity(RecordId.of("doc", 42), 1L));

        kafka.consumer.setPollException(new TopicAuthorizationException(Set.of(MockedKafka.EVENTS)));

        assertThatThrownBy(() -> client.await(waiting, WAIT)).isInstanceOf(DualWriteClientException.class)
                .hasMessageStartingWith("no answer for request " + waiting.requestId() + " (doc:42): the events reader stopped")
                .hasCauseInstanceOf(TopicAuthorizationException.class);
        SyncFuture later = client.send(entity(RecordId.of("doc", 43), 1L));
        assertThat(later).isCompletedExceptionally();
        assertThat(readerLog.messages()).contains(
                "The dual-write client's events reader stopped; waiting requests fail, and so will new ones");
    }

    static SyncEntity entity(RecordId id, Long version) {
        return SyncEntity.builder().id(id).vector(new float[] {0.5f, -1.25f, 3f}).metadata(Map.of("title", "t"))
                .timestamp(Instant.parse("2026-11-25T08:30:00Z")).workspaceId("ws-1").version(version).build();
    }
}
