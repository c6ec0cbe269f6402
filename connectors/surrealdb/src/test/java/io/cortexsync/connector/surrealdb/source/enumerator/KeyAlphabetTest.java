package io.cortexsync.connector.surrealdb.source.enumerator;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class KeyAlphabetTest {

    @Test
    void asciiDigitsAndLettersWidenToTheirClass() {
        KeyAlphabet alphabet = new KeyAlphabet();
        alphabet.learn("e07");
        assertThat(alphabet.contains('5')).isTrue();
        assertThat(alphabet.contains('q')).isTrue();
        assertThat(alphabet.contains('Q')).isFalse();
        assertThat(alphabet.contains('-')).isFalse();
    }

    @Test
    void otherCodePointsAreLearntOneByOne() {
        KeyAlphabet alphabet = new KeyAlphabet();
        alphabet.learn("a-日😀");
        assertThat(alphabet.contains('-')).isTrue();
        assertThat(alphabet.contains('日')).isTrue();
        assertThat(alphabet.contains("😀".codePointAt(0))).isTrue();
        assertThat(alphabet.contains('本')).isFalse();
        assertThat(alphabet.contains('_')).isFalse();
        assertThat(alphabet.containsAny('b', 0x4E00)).isTrue();
        assertThat(alphabet.containsAny('.', '`')).isFalse();
    }

    @Test
    void keysThatAreNotStringsTeachNothing() {
        KeyAlphabet alphabet = new KeyAlphabet();
        alphabet.learn(42L);
        alphabet.learn(UUID.randomUUID());
        alphabet.learn(null);
        assertThat(alphabet.isEmpty()).isTrue();
    }
}
