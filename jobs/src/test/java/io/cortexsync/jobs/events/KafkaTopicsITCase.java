package io.cortexsync.jobs.events;

import io.cortexsync.testkit.kafka.EmbeddedKafka;
import io.cortexsync.testkit.logging.LogCapture;
import io.cortexsync.testkit.net.FreePorts;

import org.apache.flink.configuration.Configuration;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The topic check before a job starts, against a real broker with a create-topic policy. */
class KafkaTopicsITCase {

    private static final String JAAS_PASSWORD = "jaas-pw-4711";
    private static final String TRUSTSTORE_PASSWORD = "trust-pw-0815";

    @RegisterExtension
    final LogCapture log = LogCapture.of(KafkaTopics.class);

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.builder()
                .brokerConfig("create.topic.policy.class.name", RefusingTopicPolicy.class.getName())
                .build();
        kafka.start();
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void createsMissingTopicsWithThePartitionsAskedAndLeavesThemOnTheNextStart() throws Exception {
        Configuration conf = conf("created-events", "created-dead-letters");
        conf.set(EventOptions.TOPIC_PARTITIONS, 3);
        conf.set(EventOptions.TOPIC_REPLICATION, 1);

        assertThat(KafkaTopics.ensure(conf)).containsExactly("created-events", "created-dead-letters");
        assertThat(partitions("created-events")).isEqualTo(3);
        assertThat(partitions("created-dead-letters")).isEqualTo(3);

        assertThat(KafkaTopics.ensure(conf)).as("a second start finds both").isEmpty();
    }

    @Test
    void anExistingTopicIsLeftAsItIs() throws Exception {
        kafka.createTopic("existing-events", 1);
        Configuration conf = conf("existing-events", null);
        conf.set(EventOptions.TOPIC_PARTITIONS, 4);

        assertThat(KafkaTopics.ensure(conf)).isEmpty();
        assertThat(partitions("existing-events")).isEqualTo(1);
    }

    @Test
    void aMissingTopicThatMayNotBeCreatedFailsNamingIt() throws Exception {
        Configuration conf = conf("existing-ok", "missing-dead-letters");
        kafka.createTopic("existing-ok", 1);
        conf.set(EventOptions.CREATE_TOPICS, false);

        assertThatThrownBy(() -> KafkaTopics.ensure(conf))
                .isInstanceOf(KafkaTopicException.class)
                .hasMessageStartingWith("Kafka topic 'missing-dead-letters' (sync.dead-letter.topic) does not exist at "
                        + kafka.bootstrapServers() + " and sync.kafka.create-topics is false");
        assertThat(topics()).doesNotContain("missing-dead-letters");
    }

    @Test
    void aTopicTheBrokersPolicyRefusesFailsNamingItAndWhatToDo() throws Exception {
        KafkaTopicException e = catchThrowableOfType(KafkaTopicException.class,
                () -> KafkaTopics.ensure(conf(RefusingTopicPolicy.REFUSED_PREFIX + "events", null)));

        assertThat(e.getMessage())
                .startsWith("Kafka topic 'refused-events' (sync.events.topic) does not exist at")
                .contains("the broker's topic policy refused to create it", "created by the platform team",
                        "create it ahead")
                .doesNotContain("\n");
        assertThat(topics()).doesNotContain("refused-events");
    }

    @Test
    void moreReplicasThanBrokersFailNamingTheReplicationOption() {
        Configuration conf = conf("three-replicas", null);
        conf.set(EventOptions.TOPIC_REPLICATION, 3);

        assertThatThrownBy(() -> KafkaTopics.ensure(conf))
                .isInstanceOf(KafkaTopicException.class)
                .hasMessageContaining("'three-replicas'")
                .hasMessageContaining("--topic-replication / sync.kafka.topic-replication");
    }

    @Test
    void unreachableBrokersFailInTimeNamingTheirOptionAndNoSecretIsShown() {
        int closedPort = FreePorts.distinct(1, Set.of()).get(0);
        Configuration conf = Configuration.fromMap(Map.of(
                "sync.events.topic", "events",
                "sync.kafka.admin-timeout", "2 s",
                "kafka.bootstrap.servers", "127.0.0.1:" + closedPort,
                "kafka.security.protocol", "SASL_PLAINTEXT",
                "kafka.sasl.mechanism", "PLAIN",
                "kafka.sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required "
                        + "username=\"svc\" password=\"" + JAAS_PASSWORD + "\";",
                "kafka.ssl.truststore.password", TRUSTSTORE_PASSWORD));

        long started = System.nanoTime();
        KafkaTopicException e = catchThrowableOfType(KafkaTopicException.class, () -> KafkaTopics.ensure(conf));
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertThat(e).as("ensure took %d ms", tookMs).isNotNull();
        assertThat(e.getMessage()).startsWith("Kafka at 127.0.0.1:" + closedPort
                + " (--kafka-bootstrap / kafka.bootstrap.servers) did not answer within 2000 ms");
        assertThat(tookMs).as("bounded by the admin timeout").isLessThan(15_000);

        assertThat(log.messages()).as("warnings").hasSize(1);
        assertThat(log.messages().get(0)).contains("security.protocol=SASL_PLAINTEXT", "sasl.jaas.config=******");
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        for (String shown : List.of(log.messages().get(0), trace.toString())) {
            assertThat(shown).doesNotContain(JAAS_PASSWORD, TRUSTSTORE_PASSWORD);
        }
    }

    private static Configuration conf(String eventsTopic, String deadLetterTopic) {
        Configuration conf = new Configuration();
        if (eventsTopic != null) {
            conf.set(EventOptions.EVENTS_TOPIC, eventsTopic);
        }
        if (deadLetterTopic != null) {
            conf.set(EventOptions.DEAD_LETTER_TOPIC, deadLetterTopic);
        }
        conf.setString(EventOptions.BOOTSTRAP_SERVERS_KEY, kafka.bootstrapServers());
        return conf;
    }

    private static int partitions(String topic) throws Exception {
        try (Admin admin = admin()) {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
            return description.partitions().size();
        }
    }

    private static Set<String> topics() throws Exception {
        try (Admin admin = admin()) {
            return admin.listTopics().names().get(30, TimeUnit.SECONDS);
        }
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }
}
