package io.cortexsync.connector.dualwrite.client;

import io.cortexsync.schema.ids.RecordId;
import io.cortexsync.schema.json.SchemaJson;
import io.cortexsync.schema.model.EntityChange;
import io.cortexsync.schema.model.SyncEntity;
import io.cortexsync.schema.model.SyncEvent;
import io.cortexsync.testkit.kafka.EmbeddedKafka;
import io.cortexsync.testkit.kafka.TopicReader;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.cortexsync.connector.dualwrite.client.JobStandIn.abort;
import static io.cortexsync.connector.dualwrite.client.JobStandIn.commit;
import static io.cortexsync.connector.dualwrite.client.JobStandIn.foreign;
import static io.cortexsync.connector.dualwrite.client.JobStandIn.hold;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The client against a real Kafka broker, with {@link JobStandIn} answering in the job's place
 * over the same topics and with the same transactions: futures complete with their own final
 * events, RETRYING and foreign events reach subscribers only, aborted events reach no one, an
 * unanswered request times out naming itself, and close fails what still waits.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class DualWriteClientITCase {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int PARTITIONS = 3;
    private static final AtomicInteger TOPICS = new AtomicInteger();

    private static EmbeddedKafka kafka;

    private String inputTopic;
    private String eventsTopic;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.builder().build();
        kafka.start();
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @BeforeEach
    void createTopics() {
        int n = TOPICS.incrementAndGet();
        inputTopic = "entity-changes-" + n;
        eventsTopic = "sync-events-" + n;
        kafka.createTopic(inputTopic, PARTITIONS);
        kafka.createTopic(eventsTopic, PARTITIONS);
    }

    @AfterEach
    void closeAll() throws Exception {
        // clients before the stand-in: a stand-in failure is then reported with nothing left running
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    @Test
    void everyChangeIsAnsweredByItsOwnFinalEvent() throws Exception {
        // every fifth upsert loses to a newer version, deletes are synced; each answer after a RETRYING
        standIn(change -> List.of(commit(SyncEvent.Type.RETRYING, "qdrant: unavailable"),
                change.isDelete() ? commit(SyncEvent.Type.SYNCED, "deleted")
                        : change.version() % 5 == 0 ? commit(SyncEvent.Type.CONFLICT, "version is not newer")
                        : commit(SyncEvent.Type.SYNCED, "upserted")));
        DualWriteClient client = client(WAIT);
        List<SyncEvent> seen = subscribe(client);

        List<SyncEntity> entities = new ArrayList<>();
        IntStream.range(0, 30).forEach(i -> entities.add(entity(RecordId.of("doc", i), (long) i)));
        entities.add(entity(RecordId.of("doc", "naïve café ⟩ 🚀"), 1L));
        List<SyncFuture> futures = new ArrayList<>(client.sendAll(entities));
        futures.add(client.delete(RecordId.of("doc", 100)));
        futures.add(client.delete(RecordId.of("doc", 101), 7));

        for (SyncFuture future : futures) {
            SyncEvent answer = client.await(future, WAIT);
            assertThat(answer.requestId()).isEqualTo(future.requestId());
            assertThat(answer.entityId()).isEqualTo(future.recordId().canonical());
            assertThat(answer.type()).isEqualTo(expectedType(future));
        }
        assertThat(futures.stream().filter(f -> f.join().type() == SyncEvent.Type.CONFLICT)).hasSize(6);
        assertThat(client.pendingRequests()).isZero();

        // the input as the job reads it: keyed by the canonical id, one request id per change
        List<ConsumerRecord<byte[], byte[]>> input = TopicReader.readAll(kafka.bootstrapServers(), inputTopic,
                "read_committed", WAIT);
        assertThat(input).hasSize(futures.size()).allSatisfy(record -> assertThat(new String(record.key(),
                StandardCharsets.UTF_8)).isEqualTo(SchemaJson.ENTITY_CHANGE.read(record.value()).recordId().canonical()));
        assertThat(input.stream().map(r -> SchemaJson.ENTITY_CHANGE.read(r.value()).requestId()))
                .containsExactlyInAnyOrderElementsOf(futures.stream().map(SyncFuture::requestId).toList());
        assertThat(input.stream().map(ConsumerRecord::partition).distinct()).as("the changes spread over the partitions")
                .hasSizeGreaterThan(1);

        // each request's RETRYING reached the subscriber before its final event, then the listener saw it all
        Map<String, List<SyncEvent.Type>> typesByRequest = seen.stream().collect(
                Collectors.groupingBy(SyncEvent::requestId, Collectors.mapping(SyncEvent::type, Collectors.toList())));
        assertThat(typesByRequest).hasSize(futures.size());
        for (SyncFuture future : futures) {
            assertThat(typesByRequest.get(future.requestId())).containsExactly(SyncEvent.Type.RETRYING, expectedType(future));
        }
    }

    @Test
    void retryingReachesSubscribersWithoutCompletingTheFuture() throws Exception {
        CountDownLatch qdrantBack = new CountDownLatch(1);
        standIn(change -> List.of(commit(SyncEvent.Type.RETRYING, "qdrant: unavailable"), hold(qdrantBack),
                commit(SyncEvent.Type.SYNCED, "upserted")));
        DualWriteClient client = client(WAIT);
        BlockingQueue<SyncEvent> seen = new LinkedBlockingQueue<>();
        client.subscribe(seen::add);

        SyncFuture future = client.send(entity(RecordId.of("doc", 1), 1L));

        SyncEvent retrying = seen.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(retrying).as("RETRYING within %s", WAIT).isNotNull();
        assertThat(retrying.type()).isEqualTo(SyncEvent.Type.RETRYING);
        assertThat(retrying.requestId()).isEqualTo(future.requestId());
        assertThat(future).isNotDone();
        assertThat(client.pendingRequests()).isOne();

        qdrantBack.countDown();
        assertThat(client.await(future, WAIT).type()).isEqualTo(SyncEvent.Type.SYNCED);
        assertThat(seen.poll()).extracting(SyncEvent::type).isEqualTo(SyncEvent.Type.SYNCED);
    }

    @Test
    void anUnansweredRequestTimesOutNamingItWhileTheOthersAreAnswered() throws Exception {
        standIn(change -> change.recordId().key().equals("silent") ? List.of()
                : List.of(commit(SyncEvent.Type.SYNCED, "upserted")));
        DualWriteClient client = client(Duration.ofSeconds(5));

        SyncFuture silent = client.send(entity(RecordId.of("doc", "silent"), 1L));
        SyncFuture answered = client.send(entity(RecordId.of("doc", "answered"), 1L));

        assertThat(client.await(answered, WAIT).type()).isEqualTo(SyncEvent.Type.SYNCED);
        assertThatThrownBy(() -> client.await(silent, WAIT))
                .isInstanceOf(TimeoutException.class)
                .hasMessageStartingWith("no final event for request " + silent.requestId() + " (doc:silent) within PT5S"
                        + " (the client's default timeout); no longer awaited");
        assertThat(client.pendingRequests()).isZero();
    }

    @Test
    void eventsOfOtherRequestsReachSubscribersButCompleteNoFuture() throws Exception {
        // before its own answer, each change's record gets an event of a request no client sent
        JobStandIn standIn = standIn(change -> List.of(foreign(SyncEvent.Type.SYNCED),
                commit(SyncEvent.Type.RETRYING, "qdrant: unavailable"), commit(SyncEvent.Type.CONFLICT, "older")));
        DualWriteClient mine = client(WAIT);
        DualWriteClient theirs = client(WAIT);
        List<SyncEvent> seenByMine = subscribe(mine);

        List<SyncFuture> theirFutures = theirs.sendAll(List.of(entity(RecordId.of("doc", 1), 1L),
                entity(RecordId.of("doc", 2), 1L), entity(RecordId.of("doc", 3), 1L)));
        SyncFuture myFuture = mine.send(entity(RecordId.of("doc", 1), 2L));

        for (SyncFuture future : theirFutures) {
            assertThat(theirs.await(future, WAIT).type()).isEqualTo(SyncEvent.Type.CONFLICT);
        }
        SyncEvent myAnswer = mine.await(myFuture, WAIT);
        assertThat(myAnswer.type()).as("not the foreign SYNCED before it").isEqualTo(SyncEvent.Type.CONFLICT);
        assertThat(myAnswer.requestId()).isEqualTo(myFuture.requestId());
        assertThat(mine.pendingRequests()).isZero();

        // the listener saw their requests' events, and the foreign ones, all of them
        awaitSeen(seenByMine, 4 * 3);
        List<String> expected = new ArrayList<>(standIn.foreignRequestIds());
        theirFutures.forEach(f -> expected.add(f.requestId()));
        assertThat(seenByMine.stream().map(SyncEvent::requestId)).containsAll(expected);
        assertThat(seenByMine.stream().filter(e -> e.requestId().equals(theirFutures.get(0).requestId())).map(SyncEvent::type))
                .containsExactly(SyncEvent.Type.RETRYING, SyncEvent.Type.CONFLICT);
    }

    @Test
    void abortedEventsReachNoOne() throws Exception {
        standIn(change -> List.of(abort(SyncEvent.Type.FAILED, "aborted"), abort(SyncEvent.Type.RETRYING, "aborted"),
                commit(SyncEvent.Type.RETRYING, "committed"), abort(SyncEvent.Type.SYNCED, "aborted"),
                commit(SyncEvent.Type.COMPENSATED, "committed")));
        DualWriteClient client = client(WAIT);
        List<SyncEvent> seen = subscribe(client);

        List<SyncFuture> futures = client.sendAll(List.of(entity(RecordId.of("doc", 1), 1L), entity(RecordId.of("doc", 2), 1L)));

        for (SyncFuture future : futures) {
            SyncEvent answer = client.await(future, WAIT);
            assertThat(answer.type()).isEqualTo(SyncEvent.Type.COMPENSATED);
            assertThat(answer.detail()).isEqualTo("committed");
        }
        assertThat(seen).hasSize(4).allSatisfy(e -> assertThat(e.detail()).isEqualTo("committed"));
        // the aborted events are in the log: a read_uncommitted consumer would have been fooled
        assertThat(eventsOnTopic("read_uncommitted").stream().filter(e -> e.detail().equals("aborted"))).hasSize(6);
    }

    @Test
    void eventsFromBeforeTheStartAreNotDelivered() throws Exception {
        JobStandIn standIn = standIn(change -> List.of(commit(SyncEvent.Type.SYNCED, "upserted")));
        standIn.publish(SyncEvent.builder().type(SyncEvent.Type.SYNCED).entityId("doc:1").requestId("before-the-start")
                .time(Instant.now()).build());
        DualWriteClient client = client(WAIT);
        List<SyncEvent> seen = subscribe(client);

        SyncFuture future = client.send(entity(RecordId.of("doc", 1), 1L));

        assertThat(client.await(future, WAIT).type()).isEqualTo(SyncEvent.Type.SYNCED);
        assertThat(seen).extracting(SyncEvent::requestId).containsExactly(future.requestId());
    }

    @Test
    void closeFailsTheRequestsStillWaiting() throws Exception {
        standIn(change -> change.recordId().key().equals("answered") ? List.of(commit(SyncEvent.Type.SYNCED, "upserted"))
                : List.of());
        DualWriteClient client = client(WAIT);
        SyncFuture answered = client.send(entity(RecordId.of("doc", "answered"), 1L));
        List<SyncFuture> waiting = client.sendAll(List.of(entity(RecordId.of("doc", 1), 1L), entity(RecordId.of("doc", 2), 1L)));
        assertThat(client.await(answered, WAIT).type()).isEqualTo(SyncEvent.Type.SYNCED);

        client.close();

        for (SyncFuture future : waiting) {
            assertThatThrownBy(() -> client.await(future, WAIT))
                    .isInstanceOf(DualWriteClientException.class)
                    .hasMessageStartingWith("the client closed before the final event of " + future.describe() + " arrived");
        }
        assertThat(answered.join().type()).isEqualTo(SyncEvent.Type.SYNCED);
        assertThat(client.pendingRequests()).isZero();
        assertThatThrownBy(() -> client.delete(RecordId.of("doc", 1))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aChangeKafkaRefusesFailsItsFutureAndTheClientGoesOn() throws Exception {
        standIn(change -> List.of(commit(SyncEvent.Type.SYNCED, "upserted")));
        DualWriteClient client = track(DualWriteClient.builder()
                .setBootstrapServers(kafka.bootstrapServers())
                .setInputTopic(inputTopic)
                .setEventsTopic(eventsTopic)
                .setKafkaProperty("max.request.size", "4096")
                .setDefaultTimeout(WAIT)
                .build());

        SyncFuture tooLarge = client.send(entity(RecordId.of("doc", 1), 1L, new float[2048]));
        SyncFuture small = client.send(entity(RecordId.of("doc", 2), 1L));

        assertThatThrownBy(() -> client.await(tooLarge, WAIT))
                .isInstanceOf(DualWriteClientException.class)
                .hasMessageStartingWith(tooLarge.describe() + " could not be written to topic " + inputTopic)
                .hasCauseInstanceOf(RecordTooLargeException.class);
        assertThat(client.await(small, WAIT).type()).isEqualTo(SyncEvent.Type.SYNCED);
        assertThat(client.pendingRequests()).isZero();
    }

    @Test
    void aMissingTopicFailsTheStartNamingIt() {
        assertThatThrownBy(() -> DualWriteClient.builder().setBootstrapServers(kafka.bootstrapServers())
                .setInputTopic(inputTopic).setEventsTopic("no-such-events").setDefaultTimeout(Duration.ofSeconds(10)).build())
                .isInstanceOf(DualWriteClientException.class)
                .hasMessageContaining("the events topic 'no-such-events' does not exist: check setEventsTopic");
        assertThatThrownBy(() -> DualWriteClient.builder().setBootstrapServers(kafka.bootstrapServers())
                .setInputTopic("no-such-input").setEventsTopic(eventsTopic).setDefaultTimeout(Duration.ofSeconds(10)).build())
                .isInstanceOf(DualWriteClientException.class)
                .hasMessageContaining("the input topic 'no-such-input' does not exist: check setInputTopic");
    }

    private static SyncEvent.Type expectedType(SyncFuture future) {
        Object key = future.recordId().key();
        return key instanceof Long && (Long) key < 30 && (Long) key % 5 == 0 ? SyncEvent.Type.CONFLICT : SyncEvent.Type.SYNCED;
    }

    private JobStandIn standIn(Function<EntityChange, List<JobStandIn.Step>> plan) {
        return track(JobStandIn.start(kafka.bootstrapServers(), inputTopic, eventsTopic, plan));
    }

    private DualWriteClient client(Duration timeout) {
        return track(DualWriteClient.builder()
                .setBootstrapServers(kafka.bootstrapServers())
                .setInputTopic(inputTopic)
                .setEventsTopic(eventsTopic)
                .setDefaultTimeout(timeout)
                .build());
    }

    private static List<SyncEvent> subscribe(DualWriteClient client) {
        List<SyncEvent> seen = new CopyOnWriteArrayList<>();
        client.subscribe(seen::add);
        return seen;
    }

    private List<SyncEvent> eventsOnTopic(String isolation) {
        return TopicReader.readAll(kafka.bootstrapServers(), eventsTopic, isolation, WAIT).stream()
                .map(r -> SchemaJson.SYNC_EVENT.read(r.value())).toList();
    }

    private <T extends AutoCloseable> T track(T closeable) {
        toClose.add(closeable);
        return closeable;
    }

    static SyncEntity entity(RecordId id, Long version) {
        return entity(id, version, new float[] {0.5f, -1.25f, 3f});
    }

    static SyncEntity entity(RecordId id, Long version, float[] vector) {
        return SyncEntity.builder().id(id).vector(vector).metadata(Map.of("title", "t " + id.canonical()))
                .timestamp(Instant.now()).workspaceId("ws-1").version(version).build();
    }

    /** Waits, up to {@link #WAIT}, until a listener has seen {@code n} events: another client's reader may lag. */
    private static void awaitSeen(List<SyncEvent> seen, int n) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (seen.size() < n && System.nanoTime() - deadline < 0) {
            Thread.sleep(20);
        }
        assertThat(seen).as("events seen within %s", WAIT).hasSize(n);
    }
}
