package io.cortexsync.connector.surrealdb.source.changes;

import org.apache.flink.annotation.Internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Versionstamps of SurrealDB 3.x are (unix milliseconds &lt;&lt; 16) | a counter: the commit's
 * wall-clock millisecond on the server (checked against the 3.0.2 engine). SurrealDB 2.x counts
 * commits instead (1 &lt;&lt; 16, 2 &lt;&lt; 16, ...: seen on the 2.6 engine), so its versionstamps
 * are no time at all; {@link #timeOf} tells the two apart.
 */
@Internal
public final class Versionstamps {

    /**
     * 2001-09-09: no commit counter of a 2.x engine reaches a versionstamp whose high bits read as a
     * later millisecond (it would take 10^12 commits), and no 3.x engine ran before it.
     */
    private static final long EARLIEST_TIME_MILLIS = 1_000_000_000_000L;

    private Versionstamps() {}

    /** The commit time a versionstamp holds, if it holds one (SurrealDB 3.x); empty for 0 and for 2.x counters. */
    public static Optional<Instant> timeOf(long versionstamp) {
        long millis = millisOf(versionstamp);
        return millis >= EARLIEST_TIME_MILLIS ? Optional.of(Instant.ofEpochMilli(millis)) : Optional.empty();
    }

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
