package io.cortexsync.connector.surrealdb.source.enumerator;

import io.cortexsync.connector.surrealdb.client.SurrealRange.Bound;
import io.cortexsync.connector.surrealdb.source.split.KeyRange;
import io.cortexsync.connector.surrealdb.source.split.SurrealKeyOrder;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class KeyClassTest {

    private static final List<Object> KEYS = List.of(
            Long.MIN_VALUE, -5L, 0L, 9007199254740993L, Long.MAX_VALUE,
            "", "\u0001", "10", "a⟩b", "x; DELETE code", "\uFFFD", "😀",
            new UUID(0, 0), new UUID(0, 1), new UUID(-1, 0), new UUID(-1, -1),
            List.of(), List.of(1L, 2L), List.of("a"), Map.of(), Map.of("a", 1L));

    @Test
    void everyKeyIsInExactlyOneClassRangeItsOwn() {
        for (Object key : KEYS) {
            List<KeyClass> holders = new ArrayList<>();
            for (KeyClass keyClass : KeyClass.values()) {
                if (keyClass.range().contains(key)) {
                    holders.add(keyClass);
                }
            }
            assertThat(holders).as("classes holding %s", key).containsExactly(KeyClass.of(key));
        }
    }

    @Test
    void classesFollowTheKeyOrder() {
        for (int i = 1; i < KEYS.size(); i++) {
            assertThat(KeyClass.of(KEYS.get(i - 1)).ordinal()).isLessThanOrEqualTo(KeyClass.of(KEYS.get(i)).ordinal());
            assertThat(SurrealKeyOrder.INSTANCE.compare(KEYS.get(i - 1), KEYS.get(i))).isNegative();
        }
    }

    @Test
    void integerPointsUseTheKnownEndsElseTheRangeElseTheWholeDomain() {
        KeyRange all = KeyClass.INTEGER.range();
        assertThat(KeyClass.INTEGER.splitPoints(all, 0L, 99L, 4, new KeyAlphabet())).containsExactly(25L, 50L, 75L);
        assertThat(KeyClass.INTEGER.splitPoints(all, null, null, 2, new KeyAlphabet())).containsExactly(0L);
        KeyRange tail = new KeyRange(Bound.inclusive(100L), Bound.exclusive(200L));
        assertThat(KeyClass.INTEGER.splitPoints(tail, null, null, 4, new KeyAlphabet())).containsExactly(125L, 150L, 175L);
        // a stale known end outside the range gives points that are dropped, never points outside
        assertThat(KeyClass.INTEGER.splitPoints(tail, 0L, 1000L, 4, new KeyAlphabet())).isEmpty();
    }

    @Test
    void stringPointsStayInsideTheRange() {
        KeyRange range = new KeyRange(Bound.inclusive("a⟩b"), Bound.exclusive("a⟩c"));
        List<Object> points = KeyClass.STRING.splitPoints(range, null, null, 4, new KeyAlphabet());
        assertThat(points).isNotEmpty().allMatch(p -> range.contains(p) && !p.equals("a⟩b"));
        assertThat(KeyClass.STRING.splitPoints(KeyClass.STRING.range(), "e0000", "e0099", 4, new KeyAlphabet()))
                .containsExactly("e001", "e002", "e003", "e004", "e005", "e006", "e007", "e008", "e009");
        // the class is open above up to the first UUID: points reach far into Unicode
        List<Object> open = KeyClass.STRING.splitPoints(KeyClass.STRING.range(), "", null, 4, new KeyAlphabet());
        assertThat(((String) open.get(open.size() - 1)).codePointAt(0)).isGreaterThan(0x10000);
    }

    @Test
    void uuidPointsBelowAnExclusiveUpperBound() {
        KeyRange range = new KeyRange(Bound.inclusive(new UUID(0, 0)), Bound.exclusive(new UUID(0, 4)));
        assertThat(KeyClass.UUID_KEY.splitPoints(range, null, null, 4, new KeyAlphabet()))
                .containsExactly(new UUID(0, 1), new UUID(0, 2), new UUID(0, 3));
        assertThat(KeyClass.UUID_KEY.splitPoints(KeyClass.UUID_KEY.range(), null, null, 2, new KeyAlphabet()))
                .containsExactly(new UUID(Long.MIN_VALUE, 0));
    }

    @Test
    void arraysAndObjectsAreNotSynthesized() {
        assertThat(KeyClass.COMPOSITE.synthesizesKeys()).isFalse();
        assertThat(KeyClass.COMPOSITE.splitPoints(KeyClass.COMPOSITE.range(), List.of(1L), List.of(9L), 4, new KeyAlphabet())).isEmpty();
    }
}
