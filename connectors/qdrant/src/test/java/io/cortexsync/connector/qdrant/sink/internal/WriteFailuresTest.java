package io.cortexsync.connector.qdrant.sink.internal;

import io.grpc.Status;
import org.junit.jupiter.api.Test;

import java.util.concurrent.ExecutionException;

import static io.cortexsync.connector.qdrant.sink.internal.WriteFailures.Action.FAIL;
import static io.cortexsync.connector.qdrant.sink.internal.WriteFailures.Action.ISOLATE;
import static io.cortexsync.connector.qdrant.sink.internal.WriteFailures.Action.RETRY;
import static org.assertj.core.api.Assertions.assertThat;

class WriteFailuresTest {

    @Test
    void transientCodesAreRetried() {
        for (Status.Code code : new Status.Code[] {
                Status.Code.UNAVAILABLE, Status.Code.DEADLINE_EXCEEDED, Status.Code.RESOURCE_EXHAUSTED, Status.Code.ABORTED}) {
            assertThat(WriteFailures.classify(Status.fromCode(code).asRuntimeException())).as("%s", code).isEqualTo(RETRY);
        }
    }

    @Test
    void refusedContentIsIsolatedAndTheRestFailsTheJob() {
        assertThat(WriteFailures.classify(Status.INVALID_ARGUMENT.withDescription("Wrong input").asRuntimeException()))
                .isEqualTo(ISOLATE);
        assertThat(WriteFailures.classify(Status.NOT_FOUND.asRuntimeException())).isEqualTo(FAIL);
        assertThat(WriteFailures.classify(Status.UNAUTHENTICATED.asRuntimeException())).isEqualTo(FAIL);
        assertThat(WriteFailures.classify(new IllegalStateException("not gRPC"))).isEqualTo(FAIL);
    }

    @Test
    void findsTheStatusInsideWrappersAndDescribesIt() {
        Exception wrapped = new ExecutionException(Status.UNAVAILABLE.withDescription("down").asRuntimeException());
        assertThat(WriteFailures.classify(wrapped)).isEqualTo(RETRY);
        assertThat(WriteFailures.isPushback(wrapped)).isTrue();
        assertThat(WriteFailures.isPushback(Status.ABORTED.asRuntimeException())).isFalse();
        assertThat(WriteFailures.describe(wrapped)).isEqualTo("UNAVAILABLE: down");
    }
}
