package io.cortexsync.connector.surrealdb.source.split;

import io.cortexsync.connector.surrealdb.client.SurrealRange;
import io.cortexsync.connector.surrealdb.client.SurrealRange.Bound;
import io.cortexsync.connector.surrealdb.client.SurrealRange.BoundKind;

import org.apache.flink.annotation.Internal;

import java.util.Objects;

/** A range of record keys, each end inclusive, exclusive or open; read as one bound range query. */
@Internal
public final class KeyRange {

    private final Bound lower;
    private final Bound upper;

    public KeyRange(Bound lower, Bound upper) {
        this.lower = Objects.requireNonNull(lower, "lower");
        this.upper = Objects.requireNonNull(upper, "upper");
    }

    public static KeyRange all() {
        return new KeyRange(Bound.unbounded(), Bound.unbounded());
    }

    public Bound lower() {
        return lower;
    }

    public Bound upper() {
        return upper;
    }

    /** The same range starting just after {@code key}: where a restored chunk continues. */
    public KeyRange after(Object key) {
        return new KeyRange(Bound.exclusive(key), upper);
    }

    public SurrealRange toSurrealRange() {
        return new SurrealRange(lower, upper);
    }

    /** Whether {@code key} lies in this range, in SurrealDB's key order. */
    public boolean contains(Object key) {
        if (lower.kind() != BoundKind.UNBOUNDED) {
            int c = SurrealKeyOrder.INSTANCE.compare(key, lower.value());
            if (c < 0 || (c == 0 && lower.kind() == BoundKind.EXCLUSIVE)) {
                return false;
            }
        }
        if (upper.kind() != BoundKind.UNBOUNDED) {
            int c = SurrealKeyOrder.INSTANCE.compare(key, upper.value());
            return c < 0 || (c == 0 && upper.kind() == BoundKind.INCLUSIVE);
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyRange && lower.equals(((KeyRange) o).lower) && upper.equals(((KeyRange) o).upper);
    }

    @Override
    public int hashCode() {
        return Objects.hash(lower, upper);
    }

    @Override
    public String toString() {
        return toSurrealRange().toString();
    }
}
