package io.cortexsync.connector.common.builder;

import org.apache.flink.annotation.Internal;

import java.time.Duration;

/**
 * The sanity checks of a builder's {@code build()}: each failed check throws an {@link
 * IllegalArgumentException} whose message starts with what is being built and names the setter
 * that fixes it, e.g. {@code "QdrantSink: setBatchSize(0): must be positive"}.
 *
 * <pre>{@code
 * BuilderChecks.of("QdrantSink")
 *         .notNull(connection, "setConnectionConfig")
 *         .positive(batchSize, "setBatchSize")
 *         .check(maxBackoff.compareTo(initialBackoff) >= 0, "setMaxBackoff(...): below the initial backoff");
 * }</pre>
 */
@Internal
public final class BuilderChecks {

    private final String built;

    private BuilderChecks(String built) {
        this.built = built;
    }

    /** Checks for the builder of {@code built}, the name that starts every message. */
    public static BuilderChecks of(String built) {
        return new BuilderChecks(built);
    }

    /** Fails with {@code message} (which names the setter) unless {@code condition} holds. */
    public BuilderChecks check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(built + ": " + message);
        }
        return this;
    }

    public BuilderChecks notNull(Object value, String setter) {
        return check(value != null, setter + "(...) is required and must not be null");
    }

    public BuilderChecks notBlank(String value, String setter) {
        return check(value != null && !value.isBlank(), setter + "(" + quoted(value) + "): must not be blank");
    }

    public BuilderChecks positive(long value, String setter) {
        return check(value > 0, setter + "(" + value + "): must be positive");
    }

    public BuilderChecks notNegative(long value, String setter) {
        return check(value >= 0, setter + "(" + value + "): must not be negative");
    }

    public BuilderChecks inRange(long value, long min, long max, String setter) {
        return check(value >= min && value <= max, setter + "(" + value + "): must be within [" + min + ", " + max + "]");
    }

    public BuilderChecks positive(Duration value, String setter) {
        return check(value != null && !value.isNegative() && !value.isZero(),
                setter + "(" + value + "): must be a positive duration");
    }

    /** Zero is allowed: it usually turns a timer off. */
    public BuilderChecks notNegative(Duration value, String setter) {
        return check(value != null && !value.isNegative(), setter + "(" + value + "): must be zero or positive");
    }

    /** An initial and a max backoff, both positive and in order, as set by the two named setters. */
    public BuilderChecks backoff(Duration initial, Duration max, String initialSetter, String maxSetter) {
        positive(initial, initialSetter);
        return check(max != null && max.compareTo(initial) >= 0,
                maxSetter + "(" + max + "): must be at least the initial backoff " + initial);
    }

    private static String quoted(String value) {
        return value == null ? "null" : '"' + value + '"';
    }
}
