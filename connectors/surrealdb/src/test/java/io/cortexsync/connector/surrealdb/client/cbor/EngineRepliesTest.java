package io.cortexsync.connector.surrealdb.client.cbor;

import io.cortexsync.connector.surrealdb.client.SurrealNone;
import io.cortexsync.connector.surrealdb.client.SurrealRange;
import io.cortexsync.connector.surrealdb.client.SurrealRange.Bound;
import io.cortexsync.connector.surrealdb.client.SurrealRecordId;
import io.cortexsync.connector.surrealdb.client.SurrealTable;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Decodes replies of the real SurrealDB 3.0.2 engine to {@code query} (one statement, {@code
 * RETURN <value>}), captured once and frozen here as hex, then writes the decoded value again
 * and expects the engine's own bytes for it.
 */
class EngineRepliesTest {

    private static final String RESULT_KEY = "66726573756c74";
    private static final UUID SOME_UUID = UUID.fromString("0190c5b2-7d4e-7a11-8f00-123456789abc");

    @Test
    void tag6None() {
        // RETURN NONE
        assertRoundTrip("81a466726573756c74c6f666737461747573624f4b6474696d656a3136392e343737c2b5736474797065c6f6",
                SurrealNone.NONE);
    }

    @Test
    void tag7Table() {
        // RETURN type::table("person")
        assertRoundTrip("81a466726573756c74c766706572736f6e66737461747573624f4b6474696d656a3137312e353032c2b5736474797065c6f6",
                new SurrealTable("person"));
    }

    @Test
    void tag8RecordIdsWithEveryKeyType() {
        // RETURN person:tobie
        assertRoundTrip("81a466726573756c74c88266706572736f6e65746f62696566737461747573624f4b6474696d656a3132302e333536c2b5736474797065c6f6",
                SurrealRecordId.of("person", "tobie"));
        // RETURN person:1
        assertRoundTrip("81a466726573756c74c88266706572736f6e0166737461747573624f4b6474696d656a3130332e383734c2b5736474797065c6f6",
                SurrealRecordId.of("person", 1));
        // RETURN person:u'0190c5b2-7d4e-7a11-8f00-123456789abc'
        assertRoundTrip("81a466726573756c74c88266706572736f6ed825500190c5b27d4e7a118f00123456789abc66737461747573624f4b6474696d656932362e393331c2b5736474797065c6f6",
                SurrealRecordId.of("person", SOME_UUID));
        // RETURN person:[1,'a']
        assertRoundTrip("81a466726573756c74c88266706572736f6e8201616166737461747573624f4b6474696d656934312e323138c2b5736474797065c6f6",
                SurrealRecordId.ofKey("person", List.of(1L, "a")));
        // RETURN person:{a:1}
        assertRoundTrip("81a466726573756c74c88266706572736f6ea161610166737461747573624f4b6474696d656938382e383236c2b5736474797065c6f6",
                SurrealRecordId.ofKey("person", Map.of("a", 1L)));
        // RETURN person:⟨x; DELETE code⟩
        assertRoundTrip("81a466726573756c74c88266706572736f6e6e783b2044454c45544520636f646566737461747573624f4b6474696d656934302e313835c2b5736474797065c6f6",
                SurrealRecordId.of("person", "x; DELETE code"));
        // RETURN person:1..5 (a record range: the key is a tag-49 range)
        assertRoundTrip("81a466726573756c74c88266706572736f6ed83182d83201d8330566737461747573624f4b6474696d656933342e313534c2b5736474797065c6f6",
                SurrealRecordId.range("person", SurrealRange.halfOpen(1L, 5L)));
    }

    @Test
    void tag37Uuid() {
        // RETURN u'0190c5b2-7d4e-7a11-8f00-123456789abc'
        assertRoundTrip("81a466726573756c74d825500190c5b27d4e7a118f00123456789abc66737461747573624f4b6474696d656934312e303037c2b5736474797065c6f6",
                SOME_UUID);
    }

    @Test
    void tag10Decimal() {
        // RETURN 1.5dec
        assertRoundTrip("81a466726573756c74ca63312e3566737461747573624f4b6474696d656934322e353139c2b5736474797065c6f6",
                new BigDecimal("1.5"));
    }

    @Test
    void tag12Datetime() {
        // RETURN d'2024-01-02T03:04:05.123456789Z'
        assertRoundTrip("81a466726573756c74cc821a65937d251a075bcd1566737461747573624f4b6474696d656933332e343133c2b5736474797065c6f6",
                Instant.parse("2024-01-02T03:04:05.123456789Z"));
        // RETURN d"1969-12-31T23:59:59.5Z": negative seconds, positive nanoseconds
        assertRoundTrip("81a466726573756c74cc82201a1dcd650066737461747573624f4b6474696d656935392e333231c2b5736474797065c6f6",
                Instant.parse("1969-12-31T23:59:59.5Z"));
    }

    @Test
    void tag14DurationWithOptionalParts() {
        // RETURN 1h30m5s7ns
        assertRoundTrip("81a466726573756c74ce8219151d0766737461747573624f4b6474696d656932392e313735c2b5736474797065c6f6",
                Duration.ofSeconds(5405, 7));
        // RETURN 0s: no parts
        assertRoundTrip("81a466726573756c74ce8066737461747573624f4b6474696d656933332e363833c2b5736474797065c6f6",
                Duration.ZERO);
        // RETURN 5s: seconds only
        assertRoundTrip("81a466726573756c74ce810566737461747573624f4b6474696d656937352e353432c2b5736474797065c6f6",
                Duration.ofSeconds(5));
    }

    @Test
    void tag49RangesWithTag50And51Bounds() {
        // RETURN 1..5
        assertRoundTrip("81a466726573756c74d83182d83201d8330566737461747573624f4b6474696d656933352e353436c2b5736474797065c6f6",
                new SurrealRange(Bound.inclusive(1L), Bound.exclusive(5L)));
        // RETURN 1>..=5
        assertRoundTrip("81a466726573756c74d83182d83301d8320566737461747573624f4b6474696d656833322e3131c2b5736474797065c6f6",
                new SurrealRange(Bound.exclusive(1L), Bound.inclusive(5L)));
        // RETURN ..5: an unbounded end is null
        assertRoundTrip("81a466726573756c74d83182f6d8330566737461747573624f4b6474696d656932392e383636c2b5736474797065c6f6",
                new SurrealRange(Bound.unbounded(), Bound.exclusive(5L)));
    }

    @Test
    void floatsInTheirShortestFormIncludingHalfPrecision() {
        // RETURN [0.5, 1.0f, 65504.0, 0.1, 1e300, -0.0, NaN, Infinity, 1, -1, 100000, 9223372036854775807]
        String reply = "81a466726573756c748cf93800f93c00f97bfffb3fb999999999999afb7e37e43c8800759cf98000f97e00f97c0001201a000186a01b7fffffffffffffff66737461747573624f4b6474696d656934312e313737c2b5736474797065c6f6";
        assertRoundTrip(reply, List.of(0.5, 1.0, 65504.0, 0.1, 1e300, -0.0, Double.NaN, Double.POSITIVE_INFINITY,
                1L, -1L, 100000L, Long.MAX_VALUE));
        // RETURN [1.1f, 100000.5]: a double that needs 64 bits, a float that fits 32
        assertRoundTrip("81a466726573756c7482fb3ff199999999999afa47c3504066737461747573624f4b6474696d656937382e383138c2b5736474797065c6f6",
                List.of(1.1, 100000.5));
        // RETURN [-1000000, 4294967296, -9223372036854775808]
        assertRoundTrip("81a466726573756c74833a000f423f1b00000001000000003b7fffffffffffffff66737461747573624f4b6474696d656935322e333838c2b5736474797065c6f6",
                List.of(-1_000_000L, 4_294_967_296L, Long.MIN_VALUE));
    }

    @Test
    void objectsTextBytesAndSets() {
        // RETURN {a: "x", b: [true,false,null]}
        assertRoundTrip("81a466726573756c74a261616178616283f5f4f666737461747573624f4b6474696d656934352e323635c2b5736474797065c6f6",
                Map.of("a", "x", "b", Arrays.asList(true, false, null)));
        // RETURN "naïve café 🚀"
        assertRoundTrip("81a466726573756c74716e61c3af766520636166c3a920f09f9a8066737461747573624f4b6474696d656833322e3232c2b5736474797065c6f6",
                "naïve café 🚀");
        // RETURN <bytes>"ab"
        Object bytes = result("81a466726573756c7442616266737461747573624f4b6474696d656835332e3238c2b5736474797065c6f6");
        assertThat((byte[]) bytes).containsExactly('a', 'b');
        // RETURN <set>[1,2] (tag 56): read as a set; written back as an array, which 2.x also reads
        assertThat(result("81a466726573756c74d83882010266737461747573624f4b6474696d656934312e353338c2b5736474797065c6f6"))
                .isEqualTo(Set.of(1L, 2L));
    }

    @Test
    void vectorFieldsAreReadAsFloatArrays() {
        // RETURN {id: doc:1, v: [0.5, 0.1, -3, 7, 1.5e-7, 3.4028235e38]}
        byte[] reply = hex("81a466726573756c74a2626964c88263646f6301617686f93800fb3fb999999999999a2207fb3e8421f5f40d8376fb47efffffe54daff866737461747573624f4b6474696d656a3134382e373138c2b5736474797065c6f6");
        Map<?, ?> record = (Map<?, ?>) statementResult(CborReader.decode(reply, Set.of("v")));
        assertThat(record.get("id")).isEqualTo(SurrealRecordId.of("doc", 1));
        assertThat((float[]) record.get("v")).containsExactly(0.5f, 0.1f, -3f, 7f, 1.5e-7f, 3.4028235e38f);

        Map<?, ?> generic = (Map<?, ?>) statementResult(CborReader.decode(reply));
        assertThat(generic.get("v")).isEqualTo(List.of(0.5, 0.1, -3L, 7L, 1.5e-7, 3.4028235e38));
    }

    private static void assertRoundTrip(String replyHex, Object expected) {
        Object decoded = result(replyHex);
        assertThat(decoded).isEqualTo(expected);
        String written = HexFormat.of().formatHex(CborWriter.encode(decoded));
        assertThat(replyHex).as("the engine's bytes for the value").contains(RESULT_KEY + written + "66737461747573");
    }

    private static Object result(String replyHex) {
        return statementResult(CborReader.decode(hex(replyHex)));
    }

    private static Object statementResult(Object reply) {
        List<?> statements = (List<?>) reply;
        assertThat(statements).hasSize(1);
        Map<?, ?> statement = (Map<?, ?>) statements.get(0);
        assertThat(statement.get("status")).isEqualTo("OK");
        return statement.get("result");
    }

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }
}
