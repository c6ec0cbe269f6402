package io.cortexsync.connector.surrealdb.source.enumerator;

import java.util.BitSet;

/**
 * The code points a table's string keys are seen to use, each ASCII digit or letter widened to
 * its whole class (seeing {@code e0000000} and {@code e0099999} admits every digit and every
 * lowercase letter). Cuts at these code points land between real keys: without them a cut spread
 * evenly over all of ASCII puts all ten digits of numbered keys into two or three pieces, and the
 * splitter then has to look the pieces' ends up by position, which costs time in proportion to
 * the table.
 */
final class KeyAlphabet {

    private final BitSet codePoints = new BitSet();

    /** Adds the code points of {@code key} when it is a string; other keys teach nothing here. */
    void learn(Object key) {
        if (key instanceof String s) {
            s.codePoints().forEach(this::add);
        }
    }

    boolean contains(int codePoint) {
        return codePoints.get(codePoint);
    }

    /** Whether any of the code points {@code from} to {@code to} (inclusive) is in this alphabet. */
    boolean containsAny(int from, int to) {
        int next = codePoints.nextSetBit(Math.max(0, from));
        return next >= 0 && next <= to;
    }

    boolean isEmpty() {
        return codePoints.isEmpty();
    }

    private void add(int c) {
        if (c >= '0' && c <= '9') {
            codePoints.set('0', '9' + 1);
        } else if (c >= 'a' && c <= 'z') {
            codePoints.set('a', 'z' + 1);
        } else if (c >= 'A' && c <= 'Z') {
            codePoints.set('A', 'Z' + 1);
        } else {
            codePoints.set(c);
        }
    }
}
