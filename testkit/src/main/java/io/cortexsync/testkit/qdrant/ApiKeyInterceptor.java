package io.cortexsync.testkit.qdrant;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;

/**
 * Qdrant's API-key check: the key comes from the {@code api-key} header or, failing that, from
 * {@code authorization: Bearer <key>}; health checks need none.
 */
final class ApiKeyInterceptor implements ServerInterceptor {

    private static final Metadata.Key<String> API_KEY =
            Metadata.Key.of("api-key", Metadata.ASCII_STRING_MARSHALLER);
    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final String BEARER = "Bearer ";
    private static final Set<String> OPEN_METHODS =
            Set.of("qdrant.Qdrant/HealthCheck", "grpc.health.v1.Health/Check");

    private final byte[] expectedKey;

    ApiKeyInterceptor(String apiKey) {
        this.expectedKey = apiKey.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        if (OPEN_METHODS.contains(call.getMethodDescriptor().getFullMethodName())) {
            return next.startCall(call, headers);
        }
        String key = headers.get(API_KEY);
        if (key == null) {
            String authorization = headers.get(AUTHORIZATION);
            if (authorization != null && authorization.startsWith(BEARER)) {
                key = authorization.substring(BEARER.length());
            }
        }
        if (key == null) {
            return refuse(call, "Must provide an API key or an Authorization bearer token");
        }
        if (!MessageDigest.isEqual(expectedKey, key.getBytes(StandardCharsets.UTF_8))) {
            return refuse(call, "Invalid API key or JWT");
        }
        return next.startCall(call, headers);
    }

    private static <Q, R> ServerCall.Listener<Q> refuse(ServerCall<Q, R> call, String message) {
        call.close(Status.UNAUTHENTICATED.withDescription(message), new Metadata());
        return new ServerCall.Listener<>() {};
    }
}
