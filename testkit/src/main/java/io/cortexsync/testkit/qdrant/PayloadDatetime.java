package io.cortexsync.testkit.qdrant;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Qdrant's reading of a payload string as a datetime, for datetime_range conditions: RFC 3339 with
 * a {@code T} or a space between date and time, with or without an offset (none means UTC), or a
 * bare date (midnight UTC). Anything else is not a datetime and matches no range.
 */
final class PayloadDatetime {

    private PayloadDatetime() {}

    static Optional<Instant> parse(String text) {
        String t = text.strip().replace(' ', 'T');
        try {
            return Optional.of(OffsetDateTime.parse(t).toInstant());
        } catch (DateTimeParseException e) {
            // no offset, or no time
        }
        try {
            return Optional.of(LocalDateTime.parse(t).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            // no time
        }
        try {
            return Optional.of(LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
