package io.cortexsync.connector.surrealdb.source.changes;

import org.apache.flink.annotation.Internal;

import java.time.Duration;
import java.time.Instant;

/** Versionstamps are (unix milliseconds &lt;&lt; 16) | a counter; these read and render them. */
@Internal
public final class Versionstamps {

    private Versionstamps() {}

    /** The wall-clock millisecond a versionstamp was committed at. */
    public static long millisOf(long versionstamp) {
        return versionstamp >>> 16;
    }

    /** The first versionstamp of a millisecond. */
    public static long ofMillis(long epochMillis) {
        if (epochMillis < 0) {
            throw new IllegalArgumentException("negative time " + epochMillis);
        }
        return epochMillis << 16;
    }

    /** A duration as SurrealQL writes it ({@code 1h}, {@code 90s}, {@code 250ms}), for messages. */
    public static String describe(Duration duration) {
        long ms = duration.toMillis();
        if (ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }

    public static Instant instantOf(long versionstamp) {
        return Instant.ofEpochMilli(millisOf(versionstamp));
    }

    /**
     * The versionstamp as the digits {@code SHOW CHANGES ... SINCE} takes (it accepts no
     * parameter); only a non-negative long can get here, so nothing else reaches the query text.
     */
    public static String sinceLiteral(long versionstamp) {
        if (versionstamp < 0) {
            throw new IllegalArgumentException("a versionstamp is not negative: " + versionstamp);
        }
        return Long.toString(versionstamp);
    }
}
