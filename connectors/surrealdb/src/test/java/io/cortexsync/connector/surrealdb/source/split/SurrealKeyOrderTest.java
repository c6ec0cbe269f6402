package io.cortexsync.connector.surrealdb.source.split;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class SurrealKeyOrderTest {

    /** The order SurrealDB 3.0.2 listed these keys in ({@code SELECT VALUE id FROM tk}). */
    private static final List<Object> ENGINE_ORDER = List.of(
            -5L, 0L, 3L, 10L, 9007199254740993L,
            "", "10", "A", "Z", "a", "a b", "aa", "a⟩b", "x; DELETE code", "é", "ÿ", "Ā", "日本", "😀",
            UUID.fromString("00000000-0000-0000-0000-000000000001"),
            UUID.fromString("ffffffff-ffff-0000-0000-000000000000"),
            List.of(1L, 2L), List.of("a"), Map.of("a", 1L));

    @Test
    void sortsLikeTheEngine() {
        List<Object> shuffled = new ArrayList<>(ENGINE_ORDER);
        Collections.shuffle(shuffled, new java.util.Random(7));
        shuffled.sort(SurrealKeyOrder.INSTANCE);
        assertThat(shuffled).containsExactlyElementsOf(ENGINE_ORDER);
    }

    @Test
    void stringsCompareByCodePointNotUtf16() {
        // U+FFFD is one UTF-16 unit above the surrogates of U+1F600, yet sorts before it
        assertThat(SurrealKeyOrder.INSTANCE.compare("\uFFFD", "😀")).isNegative();
        assertThat("\uFFFD".compareTo("😀")).isPositive();
    }
}
