package io.cortexsync.cli.progress;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressPrinterTest {

    @Test
    void logLineHasCountsPercentRateAndEta() {
        ProgressPrinter printer = new ProgressPrinter(new PrintStream(new ByteArrayOutputStream()), false, () -> 0L);
        String line = printer.format(new Progress(2_500, 0, 0, 10_000), Duration.ofSeconds(5));
        assertThat(line).isEqualTo("progress: 2,500 / 10,000 migrated (25.0%), 500 records/s, ETA 0:15, elapsed 0:05");
    }

    @Test
    void deadLettersCountAsDoneAndAreShown() {
        ProgressPrinter printer = new ProgressPrinter(new PrintStream(new ByteArrayOutputStream()), false, () -> 0L);
        String line = printer.format(new Progress(900, 100, 100, 1_000), Duration.ofSeconds(2));
        assertThat(line).contains("900 / 1,000 migrated (100.0%)").contains("100 dead-lettered").doesNotContain("ETA");
    }

    @Test
    void terminalRedrawsOneBarInPlaceAndEndsItsLineOnClose() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AtomicLong nanos = new AtomicLong();
        ProgressPrinter printer = new ProgressPrinter(new PrintStream(bytes, true, StandardCharsets.UTF_8), true, nanos::get);
        nanos.set(Duration.ofSeconds(1).toNanos());
        printer.print(new Progress(50, 0, 0, 100));
        nanos.set(Duration.ofSeconds(2).toNanos());
        printer.print(new Progress(100, 0, 0, 100));
        printer.close();
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).startsWith("\r[###############...............] 50 / 100");
        assertThat(out).contains("\r[##############################] 100 / 100").endsWith(System.lineSeparator());
        assertThat(out.chars().filter(c -> c == '\n').count()).isEqualTo(1);
    }

    @Test
    void unknownTotalShowsCountAndRateOnly() {
        ProgressPrinter printer = new ProgressPrinter(new PrintStream(new ByteArrayOutputStream()), false, () -> 0L);
        assertThat(printer.format(new Progress(42, 0, 0, 0), Duration.ofSeconds(1)))
                .isEqualTo("progress: 42 migrated, 42 records/s, elapsed 0:01");
    }
}
