package io.cortexsync.connector.qdrant.client;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NegotiationType;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.ChannelOption;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.nio.NioEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioSocketChannel;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.QdrantGrpcClient;
import io.qdrant.client.grpc.PointsGrpc;

import org.apache.flink.annotation.PublicEvolving;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link QdrantClient} on a channel whose event loop and executor belong to this object alone.
 *
 * <p>gRPC's shared event-loop threads would outlive a job's user-code class loader on a session
 * cluster and fail with {@code NoClassDefFoundError} once the job ends; owning them and shutting
 * them down in {@link #close()} keeps every thread inside the job's life. The client's version
 * check is skipped: in a shaded jar it cannot read its own version.
 */
@PublicEvolving
public final class QdrantConnection implements AutoCloseable {

    private static final AtomicInteger CONNECTIONS = new AtomicInteger();

    private final EventLoopGroup eventLoop;
    private final ExecutorService executor;
    private final ManagedChannel channel;
    private final QdrantGrpcClient grpcClient;
    private final QdrantClient client;

    private QdrantConnection(
            EventLoopGroup eventLoop, ExecutorService executor, ManagedChannel channel, QdrantGrpcClient grpcClient) {
        this.eventLoop = eventLoop;
        this.executor = executor;
        this.channel = channel;
        this.grpcClient = grpcClient;
        this.client = new QdrantClient(grpcClient);
    }

    /** Opens a channel to the configured Qdrant; the connection itself is made lazily by gRPC. */
    public static QdrantConnection open(QdrantConnectionConfig config) {
        int id = CONNECTIONS.incrementAndGet();
        EventLoopGroup eventLoop = new NioEventLoopGroup(1, daemonThreads("qdrant-" + id + "-io"));
        ExecutorService executor = Executors.newCachedThreadPool(daemonThreads("qdrant-" + id + "-callback"));
        try {
            NettyChannelBuilder channelBuilder =
                    NettyChannelBuilder.forAddress(config.host(), config.port())
                            .eventLoopGroup(eventLoop)
                            .channelType(NioSocketChannel.class)
                            .executor(executor)
                            .maxInboundMessageSize(config.maxInboundMessageBytes())
                            .withOption(
                                    ChannelOption.CONNECT_TIMEOUT_MILLIS,
                                    (int) Math.min(Integer.MAX_VALUE, config.connectTimeout().toMillis()));
            if (config.tls()) {
                SslContextBuilder ssl = GrpcSslContexts.forClient();
                config.trustCertificatePath().ifPresent(path -> ssl.trustManager(new File(path)));
                channelBuilder.negotiationType(NegotiationType.TLS).sslContext(buildSsl(ssl));
            } else {
                channelBuilder.usePlaintext();
            }
            ManagedChannel channel = channelBuilder.build();
            QdrantGrpcClient.Builder grpc =
                    QdrantGrpcClient.newBuilder(channel, false, false).withTimeout(config.requestTimeout());
            config.apiKey().ifPresent(grpc::withApiKey);
            return new QdrantConnection(eventLoop, executor, channel, grpc.build());
        } catch (RuntimeException e) {
            eventLoop.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            executor.shutdownNow();
            throw e;
        }
    }

    public QdrantClient client() {
        return client;
    }

    /**
     * A stub of the Points service for one call: with the API key and, when a request timeout is
     * set, a deadline that starts now. Its channel and call options serve calls with other marshallers.
     */
    public PointsGrpc.PointsFutureStub points() {
        return grpcClient.points();
    }

    /** The channel, for calls made through the generated stubs directly. */
    public ManagedChannel channel() {
        return channel;
    }

    @Override
    public void close() {
        client.close();
        channel.shutdown();
        try {
            if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
                channel.shutdownNow();
            }
        } catch (InterruptedException e) {
            channel.shutdownNow();
            Thread.currentThread().interrupt();
        }
        executor.shutdownNow();
        eventLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static io.grpc.netty.shaded.io.netty.handler.ssl.SslContext buildSsl(SslContextBuilder ssl) {
        try {
            return ssl.build();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot set up TLS for Qdrant: " + e.getMessage(), e);
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
