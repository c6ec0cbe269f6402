package io.cortexsync.testkit.qdrant;

import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * An in-JVM gRPC server on a real loopback port that behaves like Qdrant 1.18 for the calls this
 * project makes: collections, point writes, retrieve, scroll, count, exact search, payload
 * updates, API-key auth, and faults a test can inject.
 *
 * <pre>{@code
 * try (QdrantTestServer qdrant = QdrantTestServer.builder().build().start()) {
 *     QdrantClient client = new QdrantClient(
 *             QdrantGrpcClient.newBuilder(qdrant.host(), qdrant.port(), false).build());
 * }
 * }</pre>
 *
 * <p>Where it knowingly differs from Qdrant: search is always exact (no HNSW), payload indexes
 * are only reported, and sparse or multi-dense vectors, geo and datetime conditions, scroll
 * {@code order_by}, the Query, Recommend, Discover and UpdateBatch calls, aliases, snapshots and
 * sharding answer UNIMPLEMENTED.
 */
public final class QdrantTestServer implements AutoCloseable {

    private static final String HOST = "127.0.0.1";

    private final int requestedPort;
    private final String apiKey;
    private final String certChainPem;
    private final String privateKeyPem;
    private final QdrantFaults faults = new QdrantFaults();
    private final CollectionRegistry registry = new CollectionRegistry();
    private final LongAdder upsertedPoints = new LongAdder();
    private Server server;

    private QdrantTestServer(int requestedPort, String apiKey, String certChainPem, String privateKeyPem) {
        this.requestedPort = requestedPort;
        this.apiKey = apiKey;
        this.certChainPem = certChainPem;
        this.privateKeyPem = privateKeyPem;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Binds the port and starts serving; returns this server. */
    public synchronized QdrantTestServer start() {
        if (server != null) {
            throw new IllegalStateException("The Qdrant test server is already started");
        }
        List<ServerInterceptor> interceptors = new ArrayList<>();
        if (apiKey != null) {
            interceptors.add(new ApiKeyInterceptor(apiKey));
        }
        // The last interceptor runs first: faults apply before authentication, as a broken
        // network would.
        interceptors.add(new FaultInterceptor(faults));
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress(HOST, requestedPort))
                // Qdrant accepts messages of any size; grpc-java would stop at 4 MiB.
                .maxInboundMessageSize(Integer.MAX_VALUE);
        if (certChainPem != null) {
            builder.sslContext(serverSsl());
        }
        for (BindableService service : List.of(
                new HealthServices.Qdrant(),
                new HealthServices.Standard(),
                new CollectionsService(registry),
                new PointsService(registry, upsertedPoints, faults))) {
            builder.addService(ServerInterceptors.intercept(service, interceptors));
        }
        try {
            server = builder.build().start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the Qdrant test server on port " + requestedPort, e);
        }
        return this;
    }

    public String host() {
        return HOST;
    }

    /** Whether clients must connect with TLS. */
    public boolean tls() {
        return certChainPem != null;
    }

    private SslContext serverSsl() {
        try {
            return GrpcSslContexts.forServer(
                            new ByteArrayInputStream(certChainPem.getBytes(StandardCharsets.US_ASCII)),
                            new ByteArrayInputStream(privateKeyPem.getBytes(StandardCharsets.US_ASCII)))
                    .build();
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("The Qdrant test server's TLS certificate or key is unusable", e);
        }
    }

    /** The bound port (the ephemeral one when built with port 0). */
    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("The Qdrant test server is not started");
        }
        return server.getPort();
    }

    public QdrantFaults faults() {
        return faults;
    }

    /** Shorthand for {@code faults().callCount(method)}. */
    public long callCount(String method) {
        return faults.callCount(method);
    }

    /**
     * How many points applied Upsert calls carried, in all: a point written twice counts twice, so a
     * test can tell how much work a job did again after a restart.
     */
    public long upsertedPointCount() {
        return upsertedPoints.sum();
    }

    /**
     * Stops serving, ending calls still in flight. The data stays: {@link #start()} serves it again,
     * like a restarted Qdrant (on a new port when built with port 0).
     */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        server.shutdownNow();
        try {
            server.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server = null;
    }

    @Override
    public void close() {
        stop();
    }

    /** Builds a {@link QdrantTestServer}; by default on an ephemeral port without an API key. */
    public static final class Builder {
        private int port;
        private String apiKey;
        private String certChainPem;
        private String privateKeyPem;

        private Builder() {}

        /**
         * Serves TLS only, with this certificate chain and its PKCS#8 private key (both PEM text),
         * as Qdrant does with {@code service.enable_tls}.
         */
        public Builder tls(String certChainPem, String privateKeyPem) {
            if ((certChainPem == null) != (privateKeyPem == null)) {
                throw new IllegalArgumentException("TLS needs both a certificate chain and a private key, or neither");
            }
            this.certChainPem = certChainPem;
            this.privateKeyPem = privateKeyPem;
            return this;
        }

        /** 0 picks a free port. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535, was " + port);
            }
            this.port = port;
            return this;
        }

        /** When set, every call but the health checks needs this key; null turns auth off. */
        public Builder apiKey(String apiKey) {
            if (apiKey != null && apiKey.isEmpty()) {
                throw new IllegalArgumentException("apiKey must be null (no auth) or non-empty");
            }
            this.apiKey = apiKey;
            return this;
        }

        public QdrantTestServer build() {
            return new QdrantTestServer(port, apiKey, certChainPem, privateKeyPem);
        }
    }
}
