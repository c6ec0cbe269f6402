package io.cortexsync.schema.ids;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordIdTest {

    private static final UUID KEY_UUID = UUID.fromString("0190c5b2-7d4e-7a11-8f00-123456789abc");

    @Test
    void rendersEachKeyKindCanonically() {
        assertThat(RecordId.of("doc", 42).canonical()).isEqualTo("doc:42");
        assertThat(RecordId.of("doc", -7).canonical()).isEqualTo("doc:-7");
        assertThat(RecordId.of("doc", Long.MIN_VALUE).canonical())
                .isEqualTo("doc:-9223372036854775808");
        assertThat(RecordId.of("doc", "intro_2").canonical()).isEqualTo("doc:intro_2");
        assertThat(RecordId.of("doc", "hello world").canonical()).isEqualTo("doc:⟨hello world⟩");
        assertThat(RecordId.of("doc", "42").canonical()).isEqualTo("doc:⟨42⟩");
        assertThat(RecordId.of("doc", "a⟩b").canonical()).isEqualTo("doc:⟨a\\⟩b⟩");
        assertThat(RecordId.of("doc", "back\\slash").canonical()).isEqualTo("doc:⟨back\\\\slash⟩");
        assertThat(RecordId.of("doc", "naïve café 🚀").canonical())
                .isEqualTo("doc:⟨naïve café 🚀⟩");
        assertThat(RecordId.of("doc", KEY_UUID).canonical())
                .isEqualTo("doc:0190c5b2-7d4e-7a11-8f00-123456789abc");
        assertThat(RecordId.of("doc", KEY_UUID.toString()).canonical())
                .isEqualTo("doc:⟨0190c5b2-7d4e-7a11-8f00-123456789abc⟩");
        assertThat(RecordId.of("文档", "日本語").canonical()).isEqualTo("文档:⟨日本語⟩");
    }

    @Test
    void keysOfDifferentKindsNeverCollide() {
        assertThat(RecordId.of("doc", "42")).isNotEqualTo(RecordId.of("doc", 42));
        assertThat(RecordId.of("doc", KEY_UUID.toString()))
                .isNotEqualTo(RecordId.of("doc", KEY_UUID));
        assertThat(RecordId.of("doc", "-7")).isNotEqualTo(RecordId.of("doc", -7));
    }

    @Test
    void parseRecoversTheTypedKey() {
        List<RecordId> ids =
                List.of(
                        RecordId.of("doc", 42),
                        RecordId.of("doc", -7),
                        RecordId.of("doc", 0),
                        RecordId.of("doc", Long.MAX_VALUE),
                        RecordId.of("doc", Long.MIN_VALUE),
                        RecordId.of("doc", "intro_2"),
                        RecordId.of("doc", "hello world"),
                        RecordId.of("doc", "42"),
                        RecordId.of("doc", "007"),
                        RecordId.of("doc", "a⟩b"),
                        RecordId.of("doc", "\\⟩\\"),
                        RecordId.of("doc", "⟨x⟩"),
                        RecordId.of("doc", "x:y"),
                        RecordId.of("doc", "naïve café 🚀"),
                        RecordId.of("doc", KEY_UUID),
                        RecordId.of("doc", KEY_UUID.toString()),
                        RecordId.of("doc", KEY_UUID.toString().toUpperCase()));
        for (RecordId id : ids) {
            RecordId parsed = RecordId.parse(id.canonical());
            assertThat(parsed).isEqualTo(id);
            assertThat(parsed.key()).isEqualTo(id.key());
            assertThat(parsed.keyKind()).isEqualTo(id.keyKind());
            assertThat(parsed.table()).isEqualTo("doc");
        }
        assertThat(RecordId.parse("doc:42").key()).isEqualTo(42L);
        assertThat(RecordId.parse("doc:⟨42⟩").key()).isEqualTo("42");
        assertThat(RecordId.parse("doc:" + KEY_UUID).key()).isEqualTo(KEY_UUID);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "doc", // no colon
                ":42", // no table
                "doc:", // no key
                " :42", // blank table
                "doc:hello world", // must be ⟨hello world⟩
                "doc:007", // all digits but not an integer
                "doc:-0",
                "doc:+1",
                "doc:99999999999999999999", // beyond 64 bits
                "doc:9223372036854775808",
                "doc:⟨abc", // unclosed
                "doc:⟨a⟩b⟩", // unescaped ⟩
                "doc:⟨a\\b⟩", // bad escape
                "doc:⟨ ⟩", // blank string key
                "doc:0190C5B2-7D4E-7A11-8F00-123456789ABC", // upper-case uuid is not canonical
                "doc:a-b"
            })
    void parseRejectsNonCanonicalIds(String text) {
        assertThatThrownBy(() -> RecordId.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("record");
    }

    @Test
    void rejectsNullBlankAndHostileParts() {
        assertThatThrownBy(() -> RecordId.of(null, "a")).hasMessageContaining("table");
        assertThatThrownBy(() -> RecordId.of(" ", "a")).hasMessageContaining("table");
        assertThatThrownBy(() -> RecordId.of("a:b", "a")).hasMessageContaining("':'");
        assertThatThrownBy(() -> RecordId.of("doc", (String) null)).hasMessageContaining("key");
        assertThatThrownBy(() -> RecordId.of("doc", "")).hasMessageContaining("blank");
        assertThatThrownBy(() -> RecordId.of("doc", "\t ")).hasMessageContaining("blank");
        assertThatThrownBy(() -> RecordId.of("doc", "a\u0000b")).hasMessageContaining("U+0000");
        assertThatThrownBy(() -> RecordId.of("doc", "a\ud800b")).hasMessageContaining("surrogate");
        assertThatThrownBy(() -> RecordId.of("doc", "a\udc00")).hasMessageContaining("surrogate");
        assertThatThrownBy(() -> RecordId.ofKey("doc", 1.5)).hasMessageContaining("Double");
        assertThat(RecordId.ofKey("doc", 3)).isEqualTo(RecordId.of("doc", 3L));
    }
}
