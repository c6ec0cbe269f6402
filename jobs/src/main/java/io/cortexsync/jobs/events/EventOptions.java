package io.cortexsync.jobs.events;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;

import java.time.Duration;

/**
 * Options of the jobs' Kafka outputs: the events and dead-letter topics, how the command line
 * creates them, and the sinks' transactions. The Kafka clients' own settings are not options here:
 * they pass through as {@code kafka.<client property>} keys, see {@link KafkaClientProperties}.
 */
public final class EventOptions {

    /** Prefix of the keys that pass through to the Kafka producers and admin clients. */
    public static final String KAFKA_PREFIX = "kafka.";

    /** The key of the brokers' addresses; required whenever a topic is set. */
    public static final String BOOTSTRAP_SERVERS_KEY = KAFKA_PREFIX + "bootstrap.servers";

    /** The topic of the {@code SyncEvent}s; none: the job publishes no events. */
    public static final ConfigOption<String> EVENTS_TOPIC =
            ConfigOptions.key("sync.events.topic")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("Kafka topic of the SyncEvents, one per change outcome, keyed by "
                            + "record id; none: no events are published.");

    /** The topic of the dead letters; none: they go to the dead-letter file only. */
    public static final ConfigOption<String> DEAD_LETTER_TOPIC =
            ConfigOptions.key("sync.dead-letter.topic")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("Kafka topic of the dead letters, keyed by record id; none: dead "
                            + "letters go to the dead-letter file only.");

    /** The topic of the repair records of a reconciliation; none: the report only. */
    public static final ConfigOption<String> REPAIRS_TOPIC =
            ConfigOptions.key("sync.repairs.topic")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("Kafka topic of the repair records a reconciliation finds, keyed by entity id "
                            + "(point id for an orphan without one); none: they go to the report only.");

    /** Whether the command line creates a missing topic before the job starts. */
    public static final ConfigOption<Boolean> CREATE_TOPICS =
            ConfigOptions.key("sync.kafka.create-topics")
                    .booleanType()
                    .defaultValue(true)
                    .withDescription("Create a missing events or dead-letter topic before the job "
                            + "starts; when false, a missing topic fails the start.");

    /** Partitions of a topic the command line creates; none: the broker's {@code num.partitions}. */
    public static final ConfigOption<Integer> TOPIC_PARTITIONS =
            ConfigOptions.key("sync.kafka.topic-partitions")
                    .intType()
                    .noDefaultValue()
                    .withDescription("Partitions of a topic created before the job starts; none: the "
                            + "broker's num.partitions. Existing topics are left as they are.");

    /** Replication factor of a topic the command line creates; none: the broker's default. */
    public static final ConfigOption<Integer> TOPIC_REPLICATION =
            ConfigOptions.key("sync.kafka.topic-replication")
                    .intType()
                    .noDefaultValue()
                    .withDescription("Replication factor of a topic created before the job starts; "
                            + "none: the broker's default.replication.factor.");

    /**
     * The base of the sinks' transactional ids. Kafka fences and aborts a transaction by its id,
     * so the base must stay the same across runs of one sync (a restarted job then aborts what
     * its previous run left open) and differ between syncs writing to the same cluster.
     */
    public static final ConfigOption<String> TRANSACTIONAL_ID_PREFIX =
            ConfigOptions.key("sync.kafka.transactional-id-prefix")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("Base of the Kafka transactional ids of the job's sinks (each sink "
                            + "appends its own suffix); none: derived from the sync's id. It must stay "
                            + "the same across runs of one sync and differ between syncs.");

    /** The sinks' delivery guarantee; exactly-once writes in Kafka transactions. */
    public static final ConfigOption<DeliveryGuarantee> DELIVERY_GUARANTEE =
            ConfigOptions.key("sync.kafka.delivery-guarantee")
                    .enumType(DeliveryGuarantee.class)
                    .defaultValue(DeliveryGuarantee.EXACTLY_ONCE)
                    .withDescription("EXACTLY_ONCE (Kafka transactions committed with each checkpoint; "
                            + "consumers read with isolation.level=read_committed), AT_LEAST_ONCE or NONE.");

    /** Bound of each admin call of the topic check, including reaching the broker. */
    public static final ConfigOption<Duration> ADMIN_TIMEOUT =
            ConfigOptions.key("sync.kafka.admin-timeout")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(30))
                    .withDescription("How long the topic check before the start waits for the broker.");

    /**
     * The producers' {@code transaction.timeout.ms} unless {@code kafka.transaction.timeout.ms}
     * says otherwise. It must stay below the broker's {@code transaction.max.timeout.ms} (15
     * minutes by default) or every transaction is refused, and above the longest checkpoint plus
     * restart, or the broker aborts a transaction the job still means to commit.
     */
    public static final Duration DEFAULT_TRANSACTION_TIMEOUT = Duration.ofMinutes(10);

    private EventOptions() {}
}
