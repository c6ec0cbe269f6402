package io.cortexsync.testkit;

import io.cortexsync.testkit.kafka.EmbeddedKafka;
import io.cortexsync.testkit.qdrant.QdrantTestServer;
import io.cortexsync.testkit.surrealdb.EmbeddedSurrealDb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * SurrealDB, Qdrant and Kafka started together on loopback: the embedded default that the demo
 * and first experiments run on. Stops in reverse order of start.
 */
public final class EmbeddedStores implements AutoCloseable {

    private final EmbeddedSurrealDb surrealDb;
    private final QdrantTestServer qdrant;
    private final EmbeddedKafka kafka;

    private EmbeddedStores(EmbeddedSurrealDb surrealDb, QdrantTestServer qdrant, EmbeddedKafka kafka) {
        this.surrealDb = surrealDb;
        this.qdrant = qdrant;
        this.kafka = kafka;
    }

    /** Starts all three; if one fails to start, those already running are stopped again. */
    public static EmbeddedStores start(Settings settings) throws Exception {
        Path dataDir = settings.dataDir;
        Files.createDirectories(dataDir);
        EmbeddedSurrealDb surrealDb =
                EmbeddedSurrealDb.builder()
                        .port(settings.surrealPort)
                        .dataDir(dataDir.resolve("surrealdb"))
                        .credentials(settings.surrealUser, settings.surrealPass)
                        .logFile(dataDir.resolve("surrealdb.log"))
                        .build();
        QdrantTestServer qdrant = QdrantTestServer.builder().port(settings.qdrantPort).build();
        EmbeddedKafka kafka =
                EmbeddedKafka.builder().port(settings.kafkaPort).dataDir(dataDir.resolve("kafka")).build();
        try {
            surrealDb.start();
            qdrant.start();
            kafka.start();
        } catch (Exception e) {
            closeQuietly(kafka, e);
            closeQuietly(qdrant, e);
            closeQuietly(surrealDb, e);
            throw e;
        }
        return new EmbeddedStores(surrealDb, qdrant, kafka);
    }

    public EmbeddedSurrealDb surrealDb() {
        return surrealDb;
    }

    public QdrantTestServer qdrant() {
        return qdrant;
    }

    public EmbeddedKafka kafka() {
        return kafka;
    }

    /** One line per store, in the form users paste into job options. */
    public String describeEndpoints() {
        return String.join(
                System.lineSeparator(),
                "surrealdb  " + surrealDb.baseUrl() + "  (rpc " + surrealDb.rpcUrl() + ", log " + surrealDb.logFile() + ")",
                "qdrant     grpc 127.0.0.1:" + qdrant.port(),
                "kafka      " + kafka.bootstrapServers());
    }

    @Override
    public void close() throws Exception {
        Exception failure = null;
        for (AutoCloseable store : new AutoCloseable[] {kafka, qdrant, surrealDb}) {
            try {
                store.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static void closeQuietly(AutoCloseable store, Exception cause) {
        try {
            store.close();
        } catch (Exception e) {
            cause.addSuppressed(e);
        }
    }

    /** Ports, data directory and root credentials of the embedded stores. */
    public static final class Settings {
        int surrealPort = 8000;
        int qdrantPort = 6334;
        int kafkaPort = 9092;
        Path dataDir;
        String surrealUser = "root";
        String surrealPass = "root";

        public Settings(Path dataDir) {
            this.dataDir = dataDir;
        }

        public Settings surrealPort(int port) {
            this.surrealPort = port;
            return this;
        }

        public Settings qdrantPort(int port) {
            this.qdrantPort = port;
            return this;
        }

        public Settings kafkaPort(int port) {
            this.kafkaPort = port;
            return this;
        }

        public Settings surrealCredentials(String user, String pass) {
            this.surrealUser = user;
            this.surrealPass = pass;
            return this;
        }
    }

    static Path newTempDataDir() throws IOException {
        return Files.createTempDirectory("cortex-sync-embedded-");
    }
}
