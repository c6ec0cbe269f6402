package io.cortexsync.testkit.kafka;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/** The server properties of a single-node KRaft broker sized for tests. */
final class BrokerProperties {

    static final int NODE_ID = 1;
    static final String HOST = "127.0.0.1";

    private BrokerProperties() {}

    /**
     * Every listener is on 127.0.0.1; clients are told to reach the broker at the advertised port.
     */
    static Properties of(BrokerPorts ports, Path logDir, Map<String, String> overrides) {
        Properties props = new Properties();
        props.setProperty("process.roles", "broker,controller");
        props.setProperty("node.id", String.valueOf(NODE_ID));
        props.setProperty("controller.quorum.voters", NODE_ID + "@" + address(ports.controller));
        props.setProperty(
                "listeners",
                String.join(
                        ",",
                        "PLAINTEXT://" + address(ports.client),
                        "INTERNAL://" + address(ports.internal),
                        "CONTROLLER://" + address(ports.controller)));
        // The client listener may be announced behind a proxy; the broker's own traffic must not
        // be.
        props.setProperty(
                "advertised.listeners",
                "PLAINTEXT://"
                        + address(ports.advertised)
                        + ",INTERNAL://"
                        + address(ports.internal));
        props.setProperty(
                "listener.security.protocol.map",
                "PLAINTEXT:PLAINTEXT,INTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.setProperty("controller.listener.names", "CONTROLLER");
        props.setProperty("inter.broker.listener.name", "INTERNAL");
        props.setProperty("log.dirs", logDir.toAbsolutePath().toString());

        // One node: every internal topic must live with a single replica.
        props.setProperty("default.replication.factor", "1");
        props.setProperty("min.insync.replicas", "1");
        props.setProperty("offsets.topic.replication.factor", "1");
        props.setProperty("transaction.state.log.replication.factor", "1");
        props.setProperty("transaction.state.log.min.isr", "1");
        props.setProperty("share.coordinator.state.topic.replication.factor", "1");
        props.setProperty("share.coordinator.state.topic.min.isr", "1");

        // Few partitions for internal topics: each one costs files and start-up time.
        props.setProperty("num.partitions", "1");
        props.setProperty("offsets.topic.num.partitions", "5");
        props.setProperty("transaction.state.log.num.partitions", "5");
        props.setProperty("share.coordinator.state.topic.num.partitions", "1");

        // Tests should not wait for late joiners before the first assignment.
        props.setProperty("group.initial.rebalance.delay.ms", "0");

        // Small files and buffers: the machine runs many of these next to each other.
        props.setProperty("log.segment.bytes", String.valueOf(16 * 1024 * 1024));
        props.setProperty("log.index.size.max.bytes", String.valueOf(1024 * 1024));
        props.setProperty("log.cleaner.dedupe.buffer.size", String.valueOf(4 * 1024 * 1024));
        props.setProperty("log.cleaner.threads", "1");
        props.setProperty("num.network.threads", "2");
        props.setProperty("num.io.threads", "4");
        props.setProperty("background.threads", "2");
        props.setProperty("num.recovery.threads.per.data.dir", "1");

        props.putAll(overrides);
        return props;
    }

    static String address(int port) {
        return HOST + ":" + port;
    }
}
