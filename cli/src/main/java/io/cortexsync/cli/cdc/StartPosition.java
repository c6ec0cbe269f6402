package io.cortexsync.cli.cdc;

import io.cortexsync.cli.InvalidOptionException;
import io.cortexsync.connector.surrealdb.source.StartingMode;

import picocli.CommandLine.ITypeConverter;

import java.util.OptionalLong;

/**
 * Where a cdc job starts, as {@code --start} names it: {@code snapshot} (the tables as they are,
 * then their changes, handed over exactly once), {@code now} (changes from the feed's current
 * end), or {@code versionstamp:N} (changes from versionstamp N, inclusive).
 */
public record StartPosition(StartingMode mode, OptionalLong versionstamp) {

    public static final StartPosition SNAPSHOT = new StartPosition(StartingMode.SNAPSHOT_THEN_CHANGES, OptionalLong.empty());

    /** Reads {@code snapshot}, {@code now} or {@code versionstamp:N}; fails naming {@code --start}. */
    public static StartPosition parse(String text) {
        String value = text.trim();
        if (value.equals("snapshot")) {
            return SNAPSHOT;
        }
        if (value.equals("now")) {
            return new StartPosition(StartingMode.CHANGES_FROM_NOW, OptionalLong.empty());
        }
        if (value.startsWith("versionstamp:")) {
            try {
                long vs = Long.parseLong(value.substring("versionstamp:".length()));
                if (vs >= 0) {
                    return new StartPosition(StartingMode.CHANGES_FROM_VERSIONSTAMP, OptionalLong.of(vs));
                }
            } catch (NumberFormatException e) {
                // falls through to the message
            }
        }
        throw new InvalidOptionException("--start", "'" + text + "' is not snapshot, now or versionstamp:N (N a versionstamp, 0 or more)");
    }

    @Override
    public String toString() {
        switch (mode) {
            case CHANGES_FROM_NOW:
                return "now";
            case CHANGES_FROM_VERSIONSTAMP:
                return "versionstamp:" + versionstamp.getAsLong();
            default:
                return "snapshot";
        }
    }

    /** picocli's reading of {@code --start}. */
    public static final class Converter implements ITypeConverter<StartPosition> {
        @Override
        public StartPosition convert(String value) {
            return parse(value);
        }
    }
}
