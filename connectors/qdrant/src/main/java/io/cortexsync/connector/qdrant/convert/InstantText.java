package io.cortexsync.connector.qdrant.convert;

import java.time.Instant;

/**
 * {@link Instant#toString()} for a stream of nearly equal instants: the date and time of day are
 * formatted once per second and the fraction is appended as digits. Every point of a migration
 * carries such a stamp, and the JDK's formatter was among the costliest calls per point.
 * Thread-safe.
 */
final class InstantText {

    /** The formatted text of one whole second, without the closing {@code Z}. */
    private record Second(long epochSecond, String text) {}

    private volatile Second last;

    /** Exactly {@code instant.toString()}. */
    String format(Instant instant) {
        long epochSecond = instant.getEpochSecond();
        Second second = last;
        if (second == null || second.epochSecond() != epochSecond) {
            String whole = Instant.ofEpochSecond(epochSecond).toString();
            second = new Second(epochSecond, whole.substring(0, whole.length() - 1));
            last = second;
        }
        StringBuilder text = new StringBuilder(second.text().length() + 11).append(second.text());
        int nanos = instant.getNano();
        if (nanos > 0) {
            // as ISO_INSTANT: 3, 6 or 9 fraction digits, the fewest that hold the value
            text.append('.');
            if (nanos % 1_000_000 == 0) {
                appendDigits(text, nanos / 1_000_000, 3);
            } else if (nanos % 1_000 == 0) {
                appendDigits(text, nanos / 1_000, 6);
            } else {
                appendDigits(text, nanos, 9);
            }
        }
        return text.append('Z').toString();
    }

    private static void appendDigits(StringBuilder text, int value, int digits) {
        String number = Integer.toString(value);
        for (int pad = digits - number.length(); pad > 0; pad--) {
            text.append('0');
        }
        text.append(number);
    }
}
