package io.cortexsync.connector.common.retry;

import org.apache.flink.annotation.Internal;

import java.io.Serializable;
import java.util.Objects;

/**
 * One named rule that says a failure is transient: the same call may succeed when retried. The
 * name appears in logs and messages, so that a retry says which rule allowed it.
 */
@Internal
public final class FailureClassifier implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The test of a rule; serializable, as the chain travels with the job. */
    @FunctionalInterface
    public interface Matcher extends Serializable {
        boolean test(Throwable failure);
    }

    private final String name;
    private final Matcher matches;

    private FailureClassifier(String name, Matcher matches) {
        this.name = Objects.requireNonNull(name, "name");
        this.matches = Objects.requireNonNull(matches, "matches");
    }

    /** A rule that holds for the failures {@code matches} accepts. */
    public static FailureClassifier of(String name, Matcher matches) {
        return new FailureClassifier(name, matches);
    }

    /** A rule that holds when {@code type} is the failure or any of its causes. */
    public static FailureClassifier causedBy(String name, Class<? extends Throwable> type) {
        return new FailureClassifier(name, failure -> findCause(failure, type) != null);
    }

    /** The first of {@code failure} and its causes that is a {@code type}; null when none is. */
    public static <E extends Throwable> E findCause(Throwable failure, Class<E> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    public String name() {
        return name;
    }

    /** Whether this rule calls {@code failure} transient; never throws. */
    public boolean matches(Throwable failure) {
        return failure != null && matches.test(failure);
    }

    @Override
    public String toString() {
        return name;
    }
}
