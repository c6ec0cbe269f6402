package io.cortexsync.connector.surrealdb.source.changes;

import io.cortexsync.connector.surrealdb.client.SurrealRecordId;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads change feed entries and table definitions as the engine returns them. */
final class FeedParser {

    private static final Pattern CHANGEFEED = Pattern.compile("\\bCHANGEFEED\\s+([0-9a-zµ]+)");
    private static final Pattern DURATION_PART = Pattern.compile("(\\d+)(ns|us|µs|ms|s|m|h|d|w|y)");

    private FeedParser() {}

    /** {@code {versionstamp, changes: [{update|current|delete|define_table: ...}]}}. */
    static FeedEntry entry(Object item) {
        if (!(item instanceof Map)) {
            throw new IllegalStateException("unexpected change feed entry: " + describe(item));
        }
        Map<?, ?> entry = (Map<?, ?>) item;
        Object versionstamp = entry.get("versionstamp");
        if (!(versionstamp instanceof Long)) {
            throw new IllegalStateException("change feed entry without an integer versionstamp: " + describe(versionstamp));
        }
        List<FeedChange> changes = new ArrayList<>();
        Object list = entry.get("changes");
        if (list instanceof List) {
            for (Object change : (List<?>) list) {
                changes.add(change(change));
            }
        }
        return new FeedEntry((Long) versionstamp, changes);
    }

    /**
     * An upsert carries the record under {@code current} (tables with INCLUDE ORIGINAL, where
     * {@code update} is then a reverse patch) or under {@code update}; a delete carries only
     * {@code {id}}.
     */
    @SuppressWarnings("unchecked")
    static FeedChange change(Object item) {
        if (!(item instanceof Map)) {
            return FeedChange.OTHER;
        }
        Map<String, Object> change = (Map<String, Object>) item;
        Object record = change.containsKey("current") ? change.get("current") : change.get("update");
        if (record instanceof Map) {
            Map<String, Object> fields = new LinkedHashMap<>((Map<String, Object>) record);
            Object id = fields.get("id");
            if (id instanceof SurrealRecordId) {
                return new FeedChange(FeedChange.Kind.UPSERT, (SurrealRecordId) id, fields);
            }
        }
        Object deleted = change.get("delete");
        if (deleted instanceof Map && ((Map<?, ?>) deleted).get("id") instanceof SurrealRecordId) {
            return new FeedChange(FeedChange.Kind.DELETE, (SurrealRecordId) ((Map<?, ?>) deleted).get("id"), null);
        }
        return FeedChange.OTHER;
    }

    /** Table name to retention, for the tables of {@code INFO FOR DB} defined with a CHANGEFEED. */
    static Map<String, Duration> retentions(Map<?, ?> tables) {
        Map<String, Duration> retentions = new LinkedHashMap<>();
        if (tables == null) {
            return retentions;
        }
        for (Map.Entry<?, ?> table : tables.entrySet()) {
            Matcher m = CHANGEFEED.matcher(String.valueOf(table.getValue()));
            if (m.find()) {
                retentions.put(String.valueOf(table.getKey()), parseDuration(m.group(1)));
            }
        }
        return retentions;
    }

    /** A SurrealQL duration such as {@code 1h30m} or {@code 7d}. */
    static Duration parseDuration(String text) {
        Matcher m = DURATION_PART.matcher(text);
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find()) {
            if (m.start() != end) {
                break;
            }
            long n = Long.parseLong(m.group(1));
            total = total.plus(unit(n, m.group(2)));
            end = m.end();
        }
        if (end != text.length() || end == 0) {
            throw new IllegalArgumentException("not a SurrealQL duration: " + text);
        }
        return total;
    }

    private static Duration unit(long n, String unit) {
        switch (unit) {
            case "ns":
                return Duration.ofNanos(n);
            case "us":
            case "µs":
                return Duration.ofNanos(n * 1000);
            case "ms":
                return Duration.ofMillis(n);
            case "s":
                return Duration.ofSeconds(n);
            case "m":
                return Duration.ofMinutes(n);
            case "h":
                return Duration.ofHours(n);
            case "d":
                return Duration.ofDays(n);
            case "w":
                return Duration.ofDays(7 * n);
            default:
                return Duration.ofDays(365 * n);
        }
    }

    private static String describe(Object item) {
        return item == null ? "null" : item.getClass().getSimpleName();
    }
}
