package io.cortexsync.connector.qdrant.convert;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class InstantTextTest {

    private final InstantText text = new InstantText();

    @Test
    void fractionsOfEveryPrecision() {
        for (String iso : new String[] {
            "2026-03-04T05:06:07Z", "2026-03-04T05:06:07.100Z", "2026-03-04T05:06:07.000001Z",
            "2026-03-04T05:06:07.123456Z", "2026-03-04T05:06:07.000000001Z", "2026-03-04T05:06:07.120000300Z",
            "1969-12-31T23:59:59.999999999Z", "1970-01-01T00:00:00Z", "+12026-01-01T00:00:00.5Z",
        }) {
            Instant instant = Instant.parse(iso);
            assertThat(text.format(instant)).as(iso).isEqualTo(instant.toString());
        }
    }

    @Test
    void equalsTheJdkTextForInstantsInAndAcrossSeconds() {
        SplittableRandom random = new SplittableRandom(7);
        Instant instant = Instant.parse("2026-11-25T17:00:00Z");
        for (int i = 0; i < 100_000; i++) {
            long step = switch (random.nextInt(4)) {
                case 0 -> random.nextLong(1_000_000L) * 1000;   // microseconds, as the system clock
                case 1 -> random.nextLong(1_000L) * 1_000_000;  // milliseconds
                case 2 -> random.nextLong(1_000_000_000L);      // nanoseconds
                default -> -random.nextLong(2_000_000_000L);    // back, across a second
            };
            instant = instant.plusNanos(step);
            assertThat(text.format(instant)).isEqualTo(instant.toString());
        }
    }
}
