package io.cortexsync.cli;

import org.apache.flink.util.TimeUtils;
import picocli.CommandLine.ITypeConverter;

import java.time.Duration;

/** Durations as Flink writes them in its configuration: {@code 10s}, {@code 500 ms}, {@code 2min}. */
public final class DurationConverter implements ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        return TimeUtils.parseDuration(value);
    }

    /** The shortest text {@link #convert} reads back as {@code duration}. */
    public static String format(Duration duration) {
        return duration.toMillis() + "ms";
    }
}
