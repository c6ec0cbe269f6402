package io.cortexsync.connector.common.retry;

import org.apache.flink.annotation.Internal;

import java.io.Serializable;
import java.util.List;
import java.util.Optional;

/**
 * A chain of {@link FailureClassifier}s: a failure is transient, and worth a retry, when any of
 * them says so. Each connector builds its chain from what its store reports (gRPC status codes,
 * transport failures, HTTP statuses); the mechanism, and the answer to "why was this retried",
 * are the same for both.
 */
@Internal
public final class TransientFailures implements Serializable {

    private static final long serialVersionUID = 1L;

    private final List<FailureClassifier> classifiers;

    private TransientFailures(List<FailureClassifier> classifiers) {
        this.classifiers = List.copyOf(classifiers);
    }

    /** The chain of {@code classifiers}, asked in order. */
    public static TransientFailures of(FailureClassifier... classifiers) {
        return new TransientFailures(List.of(classifiers));
    }

    /** The first classifier that calls {@code failure} transient; empty when it is not. */
    public Optional<FailureClassifier> classify(Throwable failure) {
        for (FailureClassifier classifier : classifiers) {
            if (classifier.matches(failure)) {
                return Optional.of(classifier);
            }
        }
        return Optional.empty();
    }

    public boolean isTransient(Throwable failure) {
        return classify(failure).isPresent();
    }

    public List<FailureClassifier> classifiers() {
        return classifiers;
    }

    @Override
    public String toString() {
        return "TransientFailures" + classifiers;
    }
}
