package io.cortexsync.testkit.kafka;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A real single-node Kafka broker (KRaft, broker and controller in one node) running in this JVM,
 * listening on 127.0.0.1 only.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final Path dataDir;
    private final boolean ownsDataDir;
    private final Map<String, String> overrides;
    private final String clusterId = Uuid.randomUuid().toString();

    private final int requestedPort;
    private final int requestedAdvertisedPort;
    private volatile BrokerPorts ports;
    private KafkaRaftServer server;
    private boolean closed;

    private EmbeddedKafka(Builder builder) {
        this.requestedPort = builder.port;
        this.requestedAdvertisedPort = builder.advertisedPort;
        this.overrides = Map.copyOf(builder.overrides);
        this.ownsDataDir = builder.dataDir == null;
        this.dataDir = ownsDataDir ? createTempDir() : builder.dataDir;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Formats the storage if needed, starts the broker and waits until it serves metadata. */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("The broker is closed.");
        }
        if (server != null) {
            throw new IllegalStateException("The broker is already running.");
        }
        if (ports == null) {
            ports = BrokerPorts.choose(requestedPort, requestedAdvertisedPort);
        }
        Path logDir = dataDir.resolve("logs");
        Properties props = BrokerProperties.of(ports, logDir, overrides);
        KraftStorage.formatIfNeeded(dataDir, logDir, props, clusterId);
        server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
        try {
            server.startup();
            try (BrokerAdmin admin = internalAdmin()) {
                admin.awaitServingMetadata(READY_TIMEOUT);
            }
        } catch (RuntimeException e) {
            stopServer();
            throw e;
        }
    }

    /**
     * The address for {@code bootstrap.servers}; it stays the same across {@link #restart()}. With
     * an advertised port, clients bootstrapping here are still sent to the advertised address.
     */
    public String bootstrapServers() {
        return BrokerProperties.address(chosenPorts().client);
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Creates a topic with one replica and waits until every partition has a leader. */
    public void createTopic(String name, int partitions) {
        createTopic(name, partitions, Map.of());
    }

    /**
     * Creates a topic with one replica and the given topic configs, and waits until it is usable.
     */
    public void createTopic(String name, int partitions, Map<String, String> configs) {
        try (BrokerAdmin admin = internalAdmin()) {
            admin.createTopic(
                    new NewTopic(name, partitions, (short) 1).configs(configs), READY_TIMEOUT);
        }
    }

    /** Stops the broker and starts it again on the same log directory and the same ports. */
    public synchronized void restart() {
        stopServer();
        start();
    }

    /** Stops the broker and deletes the data directory if this instance created it. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            stopServer();
        } finally {
            if (ownsDataDir) {
                deleteRecursively(dataDir);
            }
        }
    }

    private void stopServer() {
        if (server != null) {
            KafkaRaftServer stopping = server;
            server = null;
            stopping.shutdown();
            stopping.awaitShutdown();
        }
    }

    // Bypasses the advertised address, which may lead through an injected fault.
    private BrokerAdmin internalAdmin() {
        return new BrokerAdmin(BrokerProperties.address(chosenPorts().internal));
    }

    private BrokerPorts chosenPorts() {
        if (ports == null) {
            throw new IllegalStateException("The broker has not been started yet.");
        }
        return ports;
    }

    private static Path createTempDir() {
        try {
            return Files.createTempDirectory("embedded-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Settings of an {@link EmbeddedKafka}; every one has a default. */
    public static final class Builder {
        private int port;
        private int advertisedPort;
        private Path dataDir;
        private final Map<String, String> overrides = new HashMap<>();

        private Builder() {}

        /** The broker's client port on 127.0.0.1; 0, the default, picks a free one. */
        public Builder port(int port) {
            this.port = checkPort(port);
            return this;
        }

        /**
         * The port clients are told to connect to after bootstrapping, e.g. that of a proxy in
         * front of {@link #port(int)}; by default the broker's own port.
         */
        public Builder advertisedPort(int advertisedPort) {
            this.advertisedPort = checkPort(advertisedPort);
            return this;
        }

        /**
         * Where the log lives and is kept after close; by default a temporary directory deleted on
         * close.
         */
        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        /** Overrides one broker setting, e.g. {@code transaction.max.timeout.ms}. */
        public Builder brokerConfig(String key, String value) {
            overrides.put(key, value);
            return this;
        }

        public EmbeddedKafka build() {
            if (advertisedPort != 0 && port == 0) {
                throw new IllegalStateException(
                        "advertisedPort needs a fixed port(...): whatever forwards to the broker"
                                + " must know it.");
            }
            return new EmbeddedKafka(this);
        }

        private static int checkPort(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be within [0, 65535], got " + port);
            }
            return port;
        }
    }
}
