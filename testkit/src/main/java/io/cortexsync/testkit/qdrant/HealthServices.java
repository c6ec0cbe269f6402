package io.cortexsync.testkit.qdrant;

import grpc.health.v1.HealthCheck.HealthCheckRequest;
import grpc.health.v1.HealthCheck.HealthCheckResponse;
import grpc.health.v1.HealthGrpc;
import io.grpc.stub.StreamObserver;
import io.qdrant.client.grpc.QdrantGrpc;
import io.qdrant.client.grpc.QdrantOuterClass.HealthCheckReply;

/** The two health endpoints Qdrant serves without authentication. */
final class HealthServices {

    /** The Qdrant version this server stands in for; the Java client compares it with its own. */
    static final String QDRANT_VERSION = "1.18.3";

    private HealthServices() {}

    /** {@code qdrant.Qdrant/HealthCheck}. */
    static final class Qdrant extends QdrantGrpc.QdrantImplBase {
        @Override
        public void healthCheck(
                io.qdrant.client.grpc.QdrantOuterClass.HealthCheckRequest request,
                StreamObserver<HealthCheckReply> observer) {
            Unary.respond(observer, () -> HealthCheckReply.newBuilder()
                    .setTitle("qdrant - vector search engine")
                    .setVersion(QDRANT_VERSION)
                    .build());
        }
    }

    /** The standard {@code grpc.health.v1.Health/Check}. */
    static final class Standard extends HealthGrpc.HealthImplBase {
        @Override
        public void check(HealthCheckRequest request, StreamObserver<HealthCheckResponse> observer) {
            Unary.respond(observer, () -> HealthCheckResponse.newBuilder()
                    .setStatus(HealthCheckResponse.ServingStatus.SERVING)
                    .build());
        }
    }
}
