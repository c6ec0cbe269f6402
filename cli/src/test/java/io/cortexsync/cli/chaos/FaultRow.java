package io.cortexsync.cli.chaos;

import java.util.Locale;
import java.util.Map;

/**
 * One row of the fault matrix: a job under one fault, and what it left behind. A fault test
 * prints it as one {@code chaos_row} line of {@code key=value} pairs; {@code scripts/chaos.sh}
 * collects the lines into the table. "Nothing lost" is computed from the counts, never assumed.
 *
 * <p>For {@code reconcile}, which changes no store in a dry run, the row counts its findings
 * instead: {@code expected} is the differences planted, the stores' columns are -1 (not
 * applicable), {@code wrong} differences found with another kind, {@code extra} found but not
 * planted, and its repair records are its events: planted but not reported is lost, reported
 * twice is duplicated.
 *
 * @param expected entities SurrealDB holds at the end (what Qdrant must hold)
 * @param surrealPresent of those, the ones SurrealDB holds (for the jobs that write it: dual-write); -1: not applicable
 * @param qdrantPresent of those, the points Qdrant holds with the right content hash; -1: not applicable
 * @param wrong points whose content hash is not their record's
 * @param extra points whose record does not exist
 * @param eventsLost changes without their event (-1: the job publishes none here)
 * @param eventsDuplicated events seen more than once (-1: none published)
 * @param recoverSeconds from the fault's end to the stores agreeing again
 */
public record FaultRow(String job, String fault, String outcome, long expected, long surrealPresent, long qdrantPresent,
        long wrong, long extra, long eventsLost, long eventsDuplicated, double recoverSeconds) {

    /** The line's prefix, which chaos.sh looks for. */
    public static final String PREFIX = "chaos_row";

    /** Nothing missing, wrong, extra, lost or repeated. */
    public boolean nothingLost() {
        return (surrealPresent < 0 || surrealPresent == expected) && (qdrantPresent < 0 || qdrantPresent == expected)
                && wrong == 0 && extra == 0 && eventsLost <= 0 && eventsDuplicated <= 0;
    }

    public String line() {
        return String.format(Locale.ROOT,
                "%s job=%s fault=%s outcome=%s expected=%d surreal_present=%d qdrant_present=%d wrong=%d extra=%d "
                        + "events_lost=%d events_duplicated=%d recover_s=%.1f nothing_lost=%b",
                PREFIX, job, fault, outcome, expected, surrealPresent, qdrantPresent, wrong, extra, eventsLost,
                eventsDuplicated, recoverSeconds, nothingLost());
    }

    /**
     * How Qdrant's points ({@code _surreal_id} → content hash) compare with SurrealDB's records (id →
     * the hash its point must carry): {present with the right hash, wrong hash, extra}.
     */
    public static long[] compare(Map<String, String> surreal, Map<String, String> qdrant) {
        long present = 0;
        long wrong = 0;
        long extra = 0;
        for (Map.Entry<String, String> point : qdrant.entrySet()) {
            String hash = surreal.get(point.getKey());
            if (hash == null) {
                extra++;
            } else if (hash.equals(point.getValue())) {
                present++;
            } else {
                wrong++;
            }
        }
        return new long[] {present, wrong, extra};
    }
}
