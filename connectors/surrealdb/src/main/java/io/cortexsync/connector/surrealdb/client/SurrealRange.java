package io.cortexsync.connector.surrealdb.client;

import org.apache.flink.annotation.PublicEvolving;

import java.util.Objects;

/**
 * A range of values (CBOR tag 49), e.g. the key of a record range {@code t:1..5} that reads
 * only the records between its bounds.
 */
@PublicEvolving
public record SurrealRange(Bound lower, Bound upper) {

    public SurrealRange {
        Objects.requireNonNull(lower, "lower bound must not be null; use Bound.unbounded()");
        Objects.requireNonNull(upper, "upper bound must not be null; use Bound.unbounded()");
    }

    /** {@code lower..upper}: lower included, upper excluded, as SurrealQL's {@code a..b}. */
    public static SurrealRange halfOpen(Object lower, Object upper) {
        return new SurrealRange(Bound.inclusive(lower), Bound.exclusive(upper));
    }

    @Override
    public String toString() {
        String from = lower.kind() == BoundKind.EXCLUSIVE ? lower.value() + ">" : lower.describe();
        String to = upper.kind() == BoundKind.INCLUSIVE ? "=" + upper.value() : upper.describe();
        return from + ".." + to;
    }

    /** Whether a bound includes its value (tag 50), excludes it (tag 51), or is absent (null). */
    public enum BoundKind {
        INCLUSIVE,
        EXCLUSIVE,
        UNBOUNDED
    }

    /** One end of a {@link SurrealRange}. */
    public record Bound(BoundKind kind, Object value) {

        private static final Bound UNBOUNDED = new Bound(BoundKind.UNBOUNDED, null);

        public Bound {
            Objects.requireNonNull(kind, "kind must not be null");
            if ((kind == BoundKind.UNBOUNDED) != (value == null)) {
                throw new IllegalArgumentException("only an unbounded bound has no value");
            }
        }

        public static Bound inclusive(Object value) {
            return new Bound(BoundKind.INCLUSIVE, Objects.requireNonNull(value, "value"));
        }

        public static Bound exclusive(Object value) {
            return new Bound(BoundKind.EXCLUSIVE, Objects.requireNonNull(value, "value"));
        }

        public static Bound unbounded() {
            return UNBOUNDED;
        }

        private String describe() {
            return value == null ? "" : String.valueOf(value);
        }
    }
}
