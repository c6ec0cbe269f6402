package io.cortexsync.connector.common.retry;

import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

class TransientFailuresTest {

    private static final FailureClassifier REFUSED = FailureClassifier.causedBy("connection refused", ConnectException.class);
    private static final FailureClassifier TIMEOUT = FailureClassifier.of("timeout", e -> e instanceof TimeoutException);
    private static final TransientFailures CHAIN = TransientFailures.of(REFUSED, TIMEOUT);

    @Test
    void theFirstMatchingClassifierNamesTheReason() {
        assertThat(CHAIN.classify(new TimeoutException())).contains(TIMEOUT);
        assertThat(CHAIN.classify(new ConnectException())).contains(REFUSED);
        assertThat(CHAIN.classify(new IOException("disk full"))).isEmpty();
        assertThat(CHAIN.isTransient(new IllegalStateException())).isFalse();
        assertThat(CHAIN.isTransient(null)).isFalse();
    }

    @Test
    void causedByLooksThroughWrappers() {
        Throwable wrapped = new ExecutionException(new IOException("send failed", new ConnectException("refused")));
        assertThat(CHAIN.classify(wrapped)).contains(REFUSED);
        assertThat(FailureClassifier.findCause(wrapped, IOException.class)).hasMessage("send failed");
        assertThat(FailureClassifier.findCause(wrapped, TimeoutException.class)).isNull();
    }

    @Test
    void anEmptyChainCallsNothingTransient() {
        assertThat(TransientFailures.of().isTransient(new TimeoutException())).isFalse();
    }

    @Test
    void theChainSurvivesJavaSerialization() throws Exception {
        TransientFailures copy = InstantiationUtil.clone(CHAIN);
        assertThat(copy.classify(new ExecutionException(new ConnectException()))).map(FailureClassifier::name)
                .contains("connection refused");
    }
}
