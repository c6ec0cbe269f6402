package io.cortexsync.connector.surrealdb.source.enumerator;

import io.cortexsync.connector.surrealdb.source.split.SurrealKeyOrder;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class SplitPointsTest {

    @Test
    void longsCutEvenlyWithoutOverflowAtTheExtremes() {
        assertThat(SplitPoints.longs(0, 99, 4)).containsExactly(25L, 50L, 75L);
        assertThat(SplitPoints.longs(Long.MIN_VALUE, Long.MAX_VALUE, 2)).containsExactly(0L);
        assertThat(SplitPoints.longs(Long.MIN_VALUE, Long.MAX_VALUE, 4))
                .containsExactly(Long.MIN_VALUE / 2, 0L, Long.MAX_VALUE / 2 + 1);
        assertThat(SplitPoints.longs(Long.MAX_VALUE - 1, Long.MAX_VALUE, 8)).containsExactly(Long.MAX_VALUE);
        assertThat(SplitPoints.longs(Long.MIN_VALUE, Long.MIN_VALUE + 1, 2)).containsExactly(Long.MIN_VALUE + 1);
    }

    @Test
    void longsNeverRepeatOrLeaveTheInterval() {
        assertThat(SplitPoints.longs(5, 7, 100)).containsExactly(6L, 7L);
        assertThat(SplitPoints.longs(5, 5, 10)).isEmpty();
        assertThat(SplitPoints.longs(7, 5, 10)).isEmpty();
        assertThat(SplitPoints.longs(-10, 9, 2)).containsExactly(0L);
    }

    @Test
    void uuidsCutAs128BitUnsignedNumbers() {
        UUID zero = new UUID(0, 0);
        UUID max = new UUID(-1, -1);
        assertThat(SplitPoints.uuids(zero, max, 2)).containsExactly(new UUID(Long.MIN_VALUE, 0));
        assertThat(SplitPoints.uuids(zero, max, 4)).containsExactly(
                new UUID(0x4000_0000_0000_0000L, 0), new UUID(Long.MIN_VALUE, 0), new UUID(0xC000_0000_0000_0000L, 0));
        // the cut crosses from the low 64 bits into the high ones
        assertThat(SplitPoints.uuids(new UUID(0, -2), new UUID(1, 1), 2)).containsExactly(new UUID(1, 0));
        assertThat(SplitPoints.fromUnsigned(SplitPoints.toUnsigned(max))).isEqualTo(max);
        assertThat(SplitPoints.toUnsigned(max)).isEqualTo(BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE));
    }

    @Test
    void stringsCutAtTheFirstDifferingCodePointAfterTheSharedPrefix() {
        assertThat(SplitPoints.strings("e0000000", "e0099999\u0000"))
                .containsExactly("e001", "e002", "e003", "e004", "e005", "e006", "e007", "e008", "e009");
        // nothing between: the next position is cut, below "e001"
        List<String> next = SplitPoints.strings("e000", "e001");
        assertThat(next).startsWith("e000\u0001").contains("e0000", "e0009", "e000~", "e000\u007f");
        assertThat(next).allMatch(p -> p.startsWith("e000") && p.length() >= 5);
    }

    @Test
    void aBudgetThinsTheCutsEvenly() {
        List<String> all = SplitPoints.strings("e000", "e001");
        List<String> thinned = SplitPoints.strings("e000", "e001", 16);
        assertThat(thinned).hasSize(16).startsWith("e000\u0001").isSubsetOf(all)
                .isSortedAccordingTo(SurrealKeyOrder.INSTANCE);
        // spread over ASCII and the rest of Unicode alike
        assertThat(thinned).anyMatch(p -> p.codePointAt(4) > 0x80).anyMatch(p -> p.codePointAt(4) < 0x40);
        // a budget above the candidates changes nothing
        assertThat(SplitPoints.strings("e0000000", "e0099999\u0000", 16)).hasSize(9);
        assertThat(SplitPoints.thin(List.of(1, 2, 3, 4, 5, 6), 3)).containsExactly(1, 3, 5);
    }

    @Test
    void aTightBudgetCutsAtTheKeysAlphabetFirst() {
        KeyAlphabet alphabet = new KeyAlphabet();
        alphabet.learn("e0000000");
        // after "e001" every code point is a candidate; evenly spread, a budget of 40 gives the digits 3 cuts
        assertThat(SplitPoints.strings("e001", "e002", 40).stream().filter(p -> Character.isDigit(p.charAt(4))))
                .hasSizeLessThan(4);
        List<String> points = SplitPoints.strings("e001", "e002", 40, alphabet);
        assertThat(points).hasSizeLessThanOrEqualTo(40).isSorted()
                .contains("e0011", "e0012", "e0013", "e0014", "e0015", "e0016", "e0017", "e0018", "e0019")
                .allSatisfy(p -> assertThat(p.compareTo("e001") > 0 && p.compareTo("e002") < 0).isTrue());
    }

    @Test
    void aPieceWhoseOnlyAlphabetCodePointIsItsLowerEndIsCutOneLevelDeeper() {
        KeyAlphabet alphabet = new KeyAlphabet();
        alphabet.learn("e0000000");
        // [e00019, e0001<) holds the keys e00019…; cutting at ':' and ';' would leave them all in one piece
        List<String> points = SplitPoints.strings("e00019", "e0001<", 40, alphabet);
        assertThat(points).isSorted().endsWith("e0001:")
                .contains("e000190", "e000195", "e000199")
                .allSatisfy(p -> assertThat(p.compareTo("e00019") > 0 && p.compareTo("e0001<") < 0).isTrue());
    }

    @Test
    void anAlphabetWiderThanTheBudgetIsThinnedItself() {
        KeyAlphabet alphabet = new KeyAlphabet();
        alphabet.learn("aZ9");
        List<String> points = SplitPoints.strings("x", "y", 20, alphabet);
        assertThat(points).hasSize(20).allSatisfy(p -> assertThat(alphabet.contains(p.codePointAt(1))).isTrue());
    }

    @Test
    void stringsOpenAboveCoverAllOfUnicodeButNeverSurrogatesOrNul() {
        List<String> points = SplitPoints.strings("", null);
        List<Integer> codePoints = new ArrayList<>();
        points.forEach(p -> codePoints.add(p.codePointAt(0)));
        assertThat(points).allMatch(p -> p.codePointCount(0, p.length()) == 1);
        assertThat(codePoints).doesNotContain(0).contains(1, (int) 'a', 0x7f, 0x80, 0x4000, 0x10000)
                .allMatch(c -> c < 0xD800 || c > 0xDFFF)
                .allMatch(c -> c <= Character.MAX_CODE_POINT);
        assertThat(codePoints.get(codePoints.size() - 1)).isGreaterThan(0x100000);
        assertThat(points).isSortedAccordingTo(SurrealKeyOrder.INSTANCE).doesNotHaveDuplicates();
        assertThat(points.size()).isLessThan(250);
    }

    @Test
    void narrowNonAsciiRangesAreStillCutFinely() {
        // CJK: no grid point falls between U+5A83 and U+6BA1, the even cuts do
        List<String> points = SplitPoints.strings("\u5a82", "\u6ba2");
        assertThat(points.size()).isGreaterThanOrEqualTo(32);
        assertThat(points).allMatch(p -> between("\u5a82", p, "\u6ba2"));
        // a range across the surrogate block never yields a surrogate
        assertThat(SplitPoints.strings("\ud7ff", "\ue001")).containsExactly("\ue000");
    }

    @Test
    void stringsWithSurrogatePairsCompareByCodePoint() {
        // U+1F600 and U+1F601 are two UTF-16 units each; the cut is after their shared prefix
        List<String> points = SplitPoints.strings("a\uD83D\uDE00", "a\uD83D\uDE02");
        assertThat(points).containsExactly("a\uD83D\uDE01");
        List<String> inside = SplitPoints.strings("\uFFFD", "😀");
        assertThat(inside).isNotEmpty().allMatch(p -> between("\uFFFD", p, "😀"));
        // no lone surrogate: codePoints() reports one as a code point in the surrogate block
        assertThat(inside).noneMatch(p -> p.codePoints().anyMatch(c -> c >= 0xD800 && c <= 0xDFFF));
    }

    @Test
    void hostileStringsAreJustCodePoints() {
        for (String[] ends : new String[][] {{"x; DELETE code", "x; DELETE code 9"}, {"a⟩b", "a⟩c"}, {"", "\u0001"},
                {"quote'\"`", "quote'\"`~"}, {"", "a"}, {"a", "a\u0000"}}) {
            List<String> points = SplitPoints.strings(ends[0], ends[1]);
            assertThat(points).as("%s..%s", ends[0], ends[1])
                    .allMatch(p -> between(ends[0], p, ends[1]))
                    .isSortedAccordingTo(SurrealKeyOrder.INSTANCE)
                    .doesNotHaveDuplicates();
        }
        assertThat(SplitPoints.strings("a⟩b", "a⟩c")).contains("a⟩b0", "a⟩bz");
        assertThat(SplitPoints.strings("a", "a\u0000")).isEmpty();
        assertThat(SplitPoints.strings("b", "a")).isEmpty();
        assertThat(SplitPoints.strings("", "\u0001")).isEmpty();
    }

    @Test
    void emptyStringLowerEndCutsAtEveryFirstCodePoint() {
        assertThat(SplitPoints.strings("", "c")).containsExactly("\u0001", "\u0002", "\u0003", "\u0004", "\u0005",
                "\u0006", "\u0007", "\u0008", "\t", "\n", "\u000b", "\u000c", "\r", "\u000e", "\u000f", "\u0010", "\u0011",
                "\u0012", "\u0013", "\u0014", "\u0015", "\u0016", "\u0017", "\u0018", "\u0019", "\u001a", "\u001b",
                "\u001c", "\u001d", "\u001e", "\u001f", " ", "!", "\"", "#", "$", "%", "&", "'", "(", ")", "*", "+",
                ",", "-", ".", "/", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", ":", ";", "<", "=", ">", "?",
                "@", "A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M", "N", "O", "P", "Q", "R", "S",
                "T", "U", "V", "W", "X", "Y", "Z", "[", "\\", "]", "^", "_", "`", "a", "b");
    }

    private static boolean between(String low, String p, String high) {
        return SurrealKeyOrder.INSTANCE.compare(low, p) < 0 && SurrealKeyOrder.INSTANCE.compare(p, high) < 0;
    }
}
