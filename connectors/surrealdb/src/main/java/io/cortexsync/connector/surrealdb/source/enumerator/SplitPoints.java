package io.cortexsync.connector.surrealdb.source.enumerator;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Synthesized record keys that cut a key interval into pieces: the boundaries need not be keys of
 * the table, only keys SurrealDB can compare, so they are computed rather than looked up.
 *
 * <p>Integers and UUIDs are cut evenly (UUIDs as 128-bit unsigned numbers, their byte order).
 * Strings are cut one code point position at a time, after the prefix both ends share: SurrealDB
 * orders strings by their UTF-8 bytes, which is code point order, so {@code prefix + c} for the
 * code points {@code c} between the ends' first differing code points splits the interval like
 * the first level of a trie. Keys are mostly ASCII, so each ASCII code point gets a cut of its
 * own and the rest of Unicode a coarse, geometric grid.
 */
final class SplitPoints {

    /** Largest Unicode code point. */
    static final int MAX_CODE_POINT = Character.MAX_CODE_POINT;

    private static final BigInteger UNSIGNED_64 = BigInteger.ONE.shiftLeft(64);
    private static final BigInteger UNSIGNED_128_MASK = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

    /** Code points below this are all cut points; above it, a geometric grid. */
    private static final int DENSE_BELOW = 0x80;

    private static final List<Integer> SPARSE_GRID = sparseGrid();

    /** Even cuts of a code point range above U+0080. */
    private static final int EVEN_CUTS = 32;

    private SplitPoints() {}

    /**
     * Up to {@code pieces - 1} increasing integers in {@code (first, last]} that cut the integers
     * of {@code [first, last]} into about equal parts.
     */
    static List<Long> longs(long first, long last, int pieces) {
        List<Long> points = new ArrayList<>();
        for (BigInteger p : evenly(BigInteger.valueOf(first), BigInteger.valueOf(last), pieces)) {
            points.add(p.longValueExact());
        }
        return points;
    }

    /** As {@link #longs}, for UUIDs in their unsigned 128-bit order. */
    static List<UUID> uuids(UUID first, UUID last, int pieces) {
        List<UUID> points = new ArrayList<>();
        for (BigInteger p : evenly(toUnsigned(first), toUnsigned(last), pieces)) {
            points.add(fromUnsigned(p));
        }
        return points;
    }

    static BigInteger toUnsigned(UUID uuid) {
        BigInteger high = new BigInteger(Long.toUnsignedString(uuid.getMostSignificantBits()));
        BigInteger low = new BigInteger(Long.toUnsignedString(uuid.getLeastSignificantBits()));
        return high.shiftLeft(64).or(low);
    }

    static UUID fromUnsigned(BigInteger value) {
        BigInteger v = value.and(UNSIGNED_128_MASK);
        return new UUID(v.shiftRight(64).longValue(), v.mod(UNSIGNED_64).longValue());
    }

    private static List<BigInteger> evenly(BigInteger first, BigInteger last, int pieces) {
        List<BigInteger> points = new ArrayList<>();
        BigInteger width = last.subtract(first).add(BigInteger.ONE);
        if (width.signum() <= 0) {
            return points;
        }
        BigInteger n = BigInteger.valueOf(Math.max(1, pieces));
        BigInteger previous = first;
        for (int j = 1; j < pieces; j++) {
            BigInteger p = first.add(width.multiply(BigInteger.valueOf(j)).divide(n));
            if (p.compareTo(previous) > 0 && p.compareTo(last) <= 0) {
                points.add(p);
                previous = p;
            }
        }
        return points;
    }

    /**
     * Increasing strings {@code p} with {@code low < p < highExclusive} (no upper end when it is
     * null) that cut the strings in between at the first code point position where they can
     * differ; empty when no string lies strictly between (e.g. {@code ["a", "a\u0000")}).
     */
    static List<String> strings(String low, String highExclusive) {
        return strings(low, highExclusive, Integer.MAX_VALUE);
    }

    /**
     * As {@link #strings(String, String)}, at most {@code budget} of them (at least 2), spread
     * evenly over the candidates: each costs a count, so a small piece is cut coarsely and cut
     * again if need be.
     */
    static List<String> strings(String low, String highExclusive, int budget) {
        return strings(low, highExclusive, budget, new KeyAlphabet());
    }

    /**
     * As {@link #strings(String, String, int)}, the code points of {@code alphabet} chosen first
     * when the budget does not cover every candidate, the rest of the budget spread evenly over
     * the others.
     */
    static List<String> strings(String low, String highExclusive, int budget, KeyAlphabet alphabet) {
        int[] lo = low.codePoints().toArray();
        int[] hi = highExclusive == null ? null : highExclusive.codePoints().toArray();
        int position = 0;
        if (hi != null) {
            while (position < lo.length && position < hi.length && lo[position] == hi[position]) {
                position++;
            }
            if (position == hi.length || (position < lo.length && lo[position] > hi[position])) {
                return List.of(); // hi is not above low
            }
        }
        StringBuilder prefix = new StringBuilder();
        prefix.append(new String(lo, 0, position));
        while (true) {
            int a = position < lo.length ? lo[position] : -1;
            int b = hi == null ? MAX_CODE_POINT + 1 : hi[position];
            // prefix + b is still below hi when hi goes on after it
            boolean hiEndsAtB = hi == null || hi.length == position + 1;
            int top = hiEndsAtB ? b - 1 : b;
            List<Integer> candidates = codePointsBetween(a + 1, top);
            if (a >= 0 && alphabet.contains(a) && !candidates.isEmpty() && !alphabet.containsAny(a + 1, top)) {
                // keys in the alphabet all go on with prefix + a: cut after it, and close it off at the next code point
                String closing = new StringBuilder(prefix).appendCodePoint(candidates.get(0)).toString();
                List<String> points = new ArrayList<>(strings(low, closing, Math.max(2, budget - 1), alphabet));
                points.add(closing);
                return points;
            }
            List<Integer> codePoints = thinPreferring(candidates, Math.max(2, budget), alphabet);
            if (!codePoints.isEmpty()) {
                List<String> points = new ArrayList<>(codePoints.size());
                for (int c : codePoints) {
                    points.add(new StringBuilder(prefix).appendCodePoint(c).toString());
                }
                return points;
            }
            if (a < 0) {
                return List.of();
            }
            // every string in [low, hi) starts with prefix + a: cut at the next position
            prefix.appendCodePoint(a);
            position++;
            hi = null;
        }
    }

    /**
     * Cut code points in {@code [from, to]}: every one below U+0080; above, a geometric grid
     * (coarse over all scripts) and {@value #EVEN_CUTS} even cuts of the range itself (so that a
     * narrow range is still cut finely). Never a surrogate (no string holds one) nor U+0000 (kept
     * out of synthesized keys as a precaution: missing it costs balance only).
     */
    static List<Integer> codePointsBetween(int from, int to) {
        TreeSet<Integer> points = new TreeSet<>();
        int start = Math.max(from, 1);
        for (int c = start; c <= Math.min(to, DENSE_BELOW - 1); c++) {
            points.add(c);
        }
        int sparseStart = Math.max(start, DENSE_BELOW);
        if (to >= sparseStart) {
            addCodePoint(points, sparseStart, to);
            for (int g : SPARSE_GRID) {
                if (g > sparseStart) {
                    addCodePoint(points, g, to);
                }
            }
            long width = (long) to - sparseStart + 1;
            for (int j = 1; j < EVEN_CUTS; j++) {
                addCodePoint(points, (int) (sparseStart + width * j / EVEN_CUTS), to);
            }
        }
        return new ArrayList<>(points);
    }

    /** At most {@code budget} of the code points: those of {@code alphabet} first, then evenly spread others. */
    static List<Integer> thinPreferring(List<Integer> codePoints, int budget, KeyAlphabet alphabet) {
        if (codePoints.size() <= budget || alphabet.isEmpty()) {
            return thin(codePoints, budget);
        }
        List<Integer> preferred = new ArrayList<>();
        List<Integer> others = new ArrayList<>();
        for (int c : codePoints) {
            (alphabet.contains(c) ? preferred : others).add(c);
        }
        if (preferred.size() >= budget) {
            return thin(preferred, budget);
        }
        TreeSet<Integer> chosen = new TreeSet<>(preferred);
        chosen.addAll(thin(others, budget - preferred.size()));
        return new ArrayList<>(chosen);
    }

    /** At most {@code budget} of {@code points}, evenly spread over them, the first included. */
    static <T> List<T> thin(List<T> points, int budget) {
        if (points.size() <= budget) {
            return points;
        }
        List<T> thinned = new ArrayList<>(budget);
        for (int i = 0; i < budget; i++) {
            thinned.add(points.get((int) ((long) i * points.size() / budget)));
        }
        return thinned;
    }

    private static void addCodePoint(TreeSet<Integer> points, int c, int to) {
        int valid = c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE ? Character.MAX_SURROGATE + 1 : c;
        if (valid <= to) {
            points.add(valid);
        }
    }

    /** 0x80 · 2^(i/4): four cuts per doubling, up to the last code point. */
    private static List<Integer> sparseGrid() {
        List<Integer> grid = new ArrayList<>();
        for (int i = 1; ; i++) {
            long g = Math.round(DENSE_BELOW * Math.pow(2, i / 4.0));
            if (g > MAX_CODE_POINT) {
                return List.copyOf(grid);
            }
            grid.add((int) g);
        }
    }
}
