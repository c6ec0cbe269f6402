package io.cortexsync.connector.dualwrite.client;

import io.cortexsync.schema.ids.RecordId;
import io.cortexsync.schema.model.EntityChange;
import io.cortexsync.schema.model.SyncEntity;
import io.cortexsync.schema.model.SyncEvent;

import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The front door of the dual-write job for applications: each {@link #send} or {@link #delete}
 * writes one {@code EntityChange} to the job's input topic and returns a {@link SyncFuture} that
 * the change's final {@link SyncEvent} completes, read from the job's events topic. Every event
 * read, final or not, also goes to the {@link #subscribe subscribers}.
 *
 * <pre>{@code
 * try (DualWriteClient client = DualWriteClient.builder()
 *         .setBootstrapServers("broker:9092")
 *         .setInputTopic("entity-changes")
 *         .setEventsTopic("sync-events")
 *         .build()) {
 *     SyncEvent event = client.await(client.send(entity));   // SYNCED, CONFLICT, ...
 * }
 * }</pre>
 *
 * <p>Thread-safe. Futures complete, and listeners run, on the client's reader thread (or on the
 * Kafka producer's thread when a send fails): keep callbacks short and use the {@code ...Async}
 * variants of {@link CompletableFuture} for anything that blocks, such as {@link #await}.
 *
 * <p>A request waits for its answer at most the {@linkplain DualWriteClientBuilder#setDefaultTimeout
 * default timeout}; then its future fails with a {@link TimeoutException} naming the request and
 * it is forgotten, so that requests whose answer never comes do not pile up. At most {@linkplain
 * DualWriteClientBuilder#setMaxPendingRequests a bounded number} of requests wait at once. A
 * timeout or a failed future does not mean the change was not applied: the job may still apply it
 * later; its events carry the request id.
 */
public final class DualWriteClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DualWriteClient.class);

    /** How long {@link #close()} may take, at most: half for the producer, the rest for the reader. */
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private static final AtomicInteger CLIENTS = new AtomicInteger();

    private final ChangeProducer producer;
    private final PendingRequests pending;
    private final Listeners listeners;
    private final EventReader reader;
    private final Thread readerThread;
    private final Duration defaultTimeout;
    private final String description;
    private final AtomicBoolean closed = new AtomicBoolean();

    private DualWriteClient(ChangeProducer producer, PendingRequests pending, Listeners listeners, EventReader reader,
            Duration defaultTimeout, String description) {
        this.producer = producer;
        this.pending = pending;
        this.listeners = listeners;
        this.reader = reader;
        this.defaultTimeout = defaultTimeout;
        this.description = description;
        this.readerThread = new Thread(reader, "dual-write-client-events-" + CLIENTS.incrementAndGet());
        // a client the application forgot to close must not keep the JVM alive
        readerThread.setDaemon(true);
    }

    public static DualWriteClientBuilder builder() {
        return new DualWriteClientBuilder();
    }

    /**
     * A client over a producer and a consumer already assigned to the events topic at its end; it
     * owns both from now on and starts reading.
     */
    static DualWriteClient start(Producer<byte[], byte[]> producer,
            org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> eventsConsumer,
            String inputTopic, Duration defaultTimeout, int maxPendingRequests, String description) {
        PendingRequests pending = new PendingRequests(maxPendingRequests, defaultTimeout, System::nanoTime);
        Listeners listeners = new Listeners();
        EventReader reader = new EventReader(eventsConsumer, listeners, pending);
        DualWriteClient client = new DualWriteClient(new ChangeProducer(producer, inputTopic), pending, listeners, reader,
                defaultTimeout, description);
        client.readerThread.start();
        return client;
    }

    /**
     * Upserts {@code entity} into both stores: writes the change with a fresh request id and
     * returns the future its final event completes (SYNCED, CONFLICT, COMPENSATED, DEAD_LETTER or
     * FAILED). The future fails when the change cannot be written to the input topic, when no final
     * event comes within the default timeout, when too many requests already wait, or when the
     * client closes first.
     *
     * @throws IllegalStateException if the client is closed
     */
    public SyncFuture send(SyncEntity entity) {
        Objects.requireNonNull(entity, "entity");
        return submit(entity.id(), requestId -> EntityChange.upsert(requestId, entity, Instant.now()));
    }

    /** Deletes the record {@code id} from both stores, whatever version they hold; see {@link #send}. */
    public SyncFuture delete(RecordId id) {
        Objects.requireNonNull(id, "id");
        return submit(id, requestId -> EntityChange.delete(requestId, id, Instant.now()));
    }

    /**
     * Deletes the record {@code id} from both stores as of {@code version}: a record holding a newer
     * version stays (CONFLICT), and changes older than the delete that arrive after it are refused;
     * see {@link #send}.
     */
    public SyncFuture delete(RecordId id, long version) {
        Objects.requireNonNull(id, "id");
        return submit(id, requestId -> EntityChange.delete(requestId, id, version, Instant.now()));
    }

    /**
     * {@link #send}s each entity, in the collection's order, and returns their futures in that
     * order. Changes of one record are applied in that order too; each gets its own request id
     * and its own final event. With more entities than free places among the pending requests,
     * the futures of the excess fail at once, unsent.
     *
     * @throws NullPointerException before sending anything, if an entity is null
     */
    public List<SyncFuture> sendAll(Collection<SyncEntity> entities) {
        Objects.requireNonNull(entities, "entities");
        entities.forEach(entity -> Objects.requireNonNull(entity, "an entity of sendAll"));
        List<SyncFuture> futures = new ArrayList<>(entities.size());
        for (SyncEntity entity : entities) {
            futures.add(send(entity));
        }
        return futures;
    }

    /**
     * Delivers every event read from the events topic from now on to {@code listener}: final and
     * RETRYING events, of this client's requests and of everyone else's. A listener that throws is
     * logged and keeps its subscription; it never stops the reader. Listeners see an event before
     * the future it completes does.
     */
    public Subscription subscribe(Consumer<SyncEvent> listener) {
        Objects.requireNonNull(listener, "listener");
        return listeners.add(listener);
    }

    /** {@link #await(CompletableFuture, Duration)} for the client's default timeout. */
    public SyncEvent await(CompletableFuture<SyncEvent> future) throws TimeoutException, InterruptedException {
        return await(future, defaultTimeout);
    }

    /**
     * Waits up to {@code timeout} for the final event of a request.
     *
     * @throws TimeoutException if none came, naming the request; the request itself keeps waiting
     *     until the client's default timeout, so a later call may still get its answer
     * @throws DualWriteClientException if the change could not be written, or the client closed
     * @throws java.util.concurrent.CancellationException if the future was cancelled
     */
    public SyncEvent await(CompletableFuture<SyncEvent> future, Duration timeout)
            throws TimeoutException, InterruptedException {
        Objects.requireNonNull(future, "future");
        Objects.requireNonNull(timeout, "timeout");
        return Await.get(future, timeout, defaultTimeout);
    }

    /** How many requests wait for their final event now. */
    public int pendingRequests() {
        return pending.size();
    }

    public Duration defaultTimeout() {
        return defaultTimeout;
    }

    /** {@link #close(Duration)} for at most 10 seconds. */
    @Override
    public void close() {
        close(CLOSE_TIMEOUT);
    }

    /**
     * Stops the client within about {@code timeout}: changes already handed to the producer are
     * still written (for up to half of it), the reader stops, and every request still waiting fails
     * with a {@link DualWriteClientException} saying the client closed, since its answer can no
     * longer be read. Await the futures first to have their answers. Later calls do nothing.
     */
    public void close(Duration timeout) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("close(" + timeout + "): the timeout must not be negative");
        }
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        long deadline = System.nanoTime() + Await.saturatedNanos(timeout);
        try {
            producer.close(timeout.dividedBy(2));
        } catch (RuntimeException e) {
            LOG.warn("Closing the dual-write client's producer failed", e);
        }
        reader.stop();
        // a listener or callback may close the client from the reader thread, which cannot wait for itself
        if (Thread.currentThread() != readerThread) {
            try {
                readerThread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (readerThread.isAlive()) {
                LOG.warn("The dual-write client's reader is still busy (a listener or a callback blocks it); it stops"
                        + " when that returns");
            }
        }
        pending.close(future -> new DualWriteClientException("the client closed before the final event of "
                + future.describe() + " arrived; the job may still apply the change: its events carry the request id",
                future.requestId(), null));
    }

    /** Where the client writes and reads, with its Kafka settings (secret values masked). */
    @Override
    public String toString() {
        return description;
    }

    private SyncFuture submit(RecordId id, Function<String, EntityChange> change) {
        if (closed.get()) {
            throw new IllegalStateException("the DualWriteClient is closed");
        }
        SyncFuture future = pending.register(UUID.randomUUID().toString(), id);
        if (future.isDone()) {
            return future;
        }
        EntityChange built;
        try {
            built = change.apply(future.requestId());
        } catch (RuntimeException e) {
            future.completeExceptionally(e);
            throw e;
        }
        producer.send(built, future);
        return future;
    }
}
