package io.cortexsync.connector.dualwrite.client;

import io.cortexsync.schema.json.SchemaJson;
import io.cortexsync.schema.json.SchemaJsonException;
import io.cortexsync.schema.model.SyncEvent;

import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The client's one reader of the events topic, run on its own thread: every event goes to every
 * listener, then answers the request it names if it is final; between polls, requests past their
 * timeout expire. The consumer belongs to this thread once {@link #run} starts; {@link #stop} is
 * the one call from another thread.
 */
final class EventReader implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(EventReader.class);

    /** How long a poll waits for events, which bounds how late a timeout is noticed. */
    static final Duration POLL_TIMEOUT = Duration.ofMillis(100);

    private final Consumer<byte[], byte[]> consumer;
    private final Listeners listeners;
    private final PendingRequests pending;
    private volatile boolean running = true;
    private volatile Throwable failure;

    EventReader(Consumer<byte[], byte[]> consumer, Listeners listeners, PendingRequests pending) {
        this.consumer = consumer;
        this.listeners = listeners;
        this.pending = pending;
    }

    /**
     * Assigns {@code consumer} every partition of {@code topic} at its end and resolves those
     * positions now, before the first change is sent, so that no answer can come before them. For
     * a read_committed consumer the end is the last stable offset.
     *
     * @return the starting offset of each partition
     * @throws IllegalStateException if the topic does not exist
     */
    static Map<TopicPartition, Long> assignAtEnd(Consumer<byte[], byte[]> consumer, String topic, Duration timeout) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("the events topic '" + topic + "' does not exist: check setEventsTopic, or"
                    + " start the dual-write job, which creates it");
        }
        List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        Map<TopicPartition, Long> positions = new TreeMap<>((a, b) -> Integer.compare(a.partition(), b.partition()));
        for (TopicPartition partition : partitions) {
            positions.put(partition, consumer.position(partition, timeout));
        }
        return positions;
    }

    @Override
    public void run() {
        try {
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL_TIMEOUT)) {
                    handle(record);
                }
                pending.expire();
            }
        } catch (WakeupException e) {
            if (running) {
                fail(e);
            }
        } catch (Throwable e) {
            fail(e);
            if (e instanceof VirtualMachineError) {
                throw (VirtualMachineError) e;
            }
        } finally {
            closeConsumer();
        }
    }

    /** Asks the thread to finish its poll and close the consumer. */
    void stop() {
        running = false;
        consumer.wakeup();
    }

    /** Why the reader stopped on its own, or null. */
    Throwable failure() {
        return failure;
    }

    private void handle(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            return;
        }
        SyncEvent event;
        try {
            event = SchemaJson.SYNC_EVENT.read(record.value());
        } catch (SchemaJsonException e) {
            LOG.warn("Skipping the record at {}-{}@{}: not a sync event: {}",
                    record.topic(), record.partition(), record.offset(), e.getMessage());
            return;
        }
        // listeners first: when a future completes, every listener has seen its event
        listeners.deliver(event);
        pending.answer(event);
    }

    private void fail(Throwable e) {
        failure = e;
        LOG.error("The dual-write client's events reader stopped; waiting requests fail, and so will new ones", e);
        pending.close(future -> new DualWriteClientException("no answer for " + future.describe()
                + ": the events reader stopped (" + e + "); the job may still apply the change: its events carry the"
                + " request id", future.requestId(), e));
    }

    private void closeConsumer() {
        try {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        } catch (RuntimeException e) {
            LOG.warn("Closing the events consumer failed", e);
        }
    }
}
