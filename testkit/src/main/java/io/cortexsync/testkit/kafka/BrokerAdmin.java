package io.cortexsync.testkit.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartitionInfo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/** Admin calls that wait, with a deadline, until the broker reaches the state a test needs. */
final class BrokerAdmin implements AutoCloseable {

    private static final Duration RETRY_PAUSE = Duration.ofMillis(100);

    private final Admin admin;
    private final String bootstrapServers;

    BrokerAdmin(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.admin =
                Admin.create(
                        Map.of(
                                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000));
    }

    /** Waits until the broker lists itself as a live node. */
    void awaitServingMetadata(Duration timeout) {
        long deadline = deadline(timeout);
        while (!succeeds(admin.describeCluster().nodes(), deadline, nodes -> !nodes.isEmpty())) {
            pauseBeforeRetry(deadline, "the broker at " + bootstrapServers + " to serve metadata");
        }
    }

    /** Creates the topic and waits until every partition has a leader. */
    void createTopic(NewTopic topic, Duration timeout) {
        long deadline = deadline(timeout);
        try {
            admin.createTopics(List.of(topic))
                    .all()
                    .get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topic " + topic.name(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not create topic " + topic.name(), e);
        }
        while (!succeeds(
                admin.describeTopics(List.of(topic.name())).allTopicNames(),
                deadline,
                topics ->
                        hasLeaders(topics.get(topic.name()).partitions(), topic.numPartitions()))) {
            pauseBeforeRetry(deadline, "topic " + topic.name() + " to get partition leaders");
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }

    private static boolean hasLeaders(List<TopicPartitionInfo> partitions, int expected) {
        return partitions.size() == expected
                && partitions.stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty());
    }

    private static <T> boolean succeeds(
            KafkaFuture<T> future, long deadline, Predicate<T> condition) {
        try {
            return condition.test(future.get(remainingMillis(deadline), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the broker", e);
        } catch (ExecutionException | TimeoutException e) {
            // Not there yet: a starting broker refuses requests until it is unfenced.
            return false;
        }
    }

    private static void pauseBeforeRetry(long deadline, String waitingFor) {
        if (System.nanoTime() - deadline >= 0) {
            throw new IllegalStateException("Timed out waiting for " + waitingFor);
        }
        try {
            Thread.sleep(RETRY_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for " + waitingFor, e);
        }
    }

    private static long deadline(Duration timeout) {
        return System.nanoTime() + timeout.toNanos();
    }

    private static long remainingMillis(long deadline) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    }
}
