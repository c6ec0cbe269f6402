package io.cortexsync.schema.model;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonValuesTest {

    @Test
    void normalizesNumbers() {
        assertThat(JsonValues.normalize(3)).isEqualTo(3L);
        assertThat(JsonValues.normalize((short) 3)).isEqualTo(3L);
        assertThat(JsonValues.normalize((byte) 3)).isEqualTo(3L);
        assertThat(JsonValues.normalize(BigInteger.TEN)).isEqualTo(10L);
        BigInteger huge = new BigInteger("123456789012345678901234567890");
        assertThat(JsonValues.normalize(huge)).isEqualTo(huge);
        assertThat(JsonValues.normalize(0.1f)).isEqualTo((double) 0.1f);
        assertThat(JsonValues.normalize(new BigDecimal("19.99"))).isEqualTo(19.99);
        assertThat(JsonValues.normalize(2.5)).isEqualTo(2.5);
    }

    @Test
    void copiesDeeplyAndKeepsNulls() {
        Map<String, Object> inner = new HashMap<>();
        inner.put("n", null);
        List<Object> input = new ArrayList<>(Arrays.asList(null, inner, List.of(1)));
        Object copy = JsonValues.normalize(input);

        Map<String, Object> expectedInner = new HashMap<>();
        expectedInner.put("n", null);
        List<Object> expected = Arrays.asList(null, expectedInner, List.of(1L));
        assertThat(copy).isEqualTo(expected);
        inner.put("m", 2);
        input.add("x");
        assertThat(copy).isEqualTo(expected);
    }

    @Test
    void rejectsTooDeepNesting() {
        Object deep = "leaf";
        for (int i = 0; i < JsonValues.MAX_DEPTH; i++) {
            deep = List.of(deep);
        }
        assertThat(JsonValues.normalize(deep)).isNotNull();
        Object tooDeep = List.of(deep);
        assertThatThrownBy(() -> JsonValues.normalize(tooDeep))
                .hasMessageContaining("nested deeper than 64");
    }

    @Test
    void rejectsUnpairedSurrogatesAndNonFiniteNumbers() {
        assertThatThrownBy(() -> JsonValues.normalize("a\ud800"))
                .hasMessageContaining("unpaired surrogate");
        assertThatThrownBy(() -> JsonValues.normalizeObject(Map.of("\udc00", 1)))
                .hasMessageContaining("unpaired surrogate");
        assertThatThrownBy(() -> JsonValues.normalize(Float.NEGATIVE_INFINITY))
                .hasMessageContaining("-Infinity");
        assertThatThrownBy(() -> JsonValues.normalize(new BigDecimal("1e400")))
                .hasMessageContaining("Infinity");
        assertThat(JsonValues.normalize("🚀")).isEqualTo("🚀");
    }
}
