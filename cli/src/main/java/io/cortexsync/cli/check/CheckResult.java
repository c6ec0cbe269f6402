package io.cortexsync.cli.check;

import java.util.UUID;

/**
 * What {@code check} found for one entity: the outcome, both hashes (null where there is none),
 * and why the record cannot be synced, when it cannot.
 */
public record CheckResult(Outcome outcome, String recordId, UUID pointId, String sourceHash, String targetHash, String problem) {

    /** The five answers, as reconciliation names its differences. */
    public enum Outcome {
        /** Record and point exist and the point's content hash is the record's. */
        CONSISTENT,
        /** The record exists (and can be synced); its point does not. */
        MISSING_VECTOR,
        /** The point exists; no record that can be synced does. */
        ORPHAN_VECTOR,
        /** Both exist; the point's content hash is not the record's. */
        MISMATCH,
        /** Neither store has it (or the record cannot be synced and has no point). */
        NOT_FOUND
    }

    static CheckResult of(String recordId, UUID pointId, boolean recordExists, String sourceHash, String problem, String targetHash) {
        boolean syncable = recordExists && sourceHash != null;
        Outcome outcome;
        if (syncable && targetHash == null) {
            outcome = Outcome.MISSING_VECTOR;
        } else if (syncable) {
            outcome = sourceHash.equals(targetHash) ? Outcome.CONSISTENT : Outcome.MISMATCH;
        } else {
            outcome = targetHash == null ? Outcome.NOT_FOUND : Outcome.ORPHAN_VECTOR;
        }
        return new CheckResult(outcome, recordId, pointId, sourceHash, targetHash, problem);
    }

    /** One line for a person: the outcome, the ids and both hashes ("-" for none). */
    public String describe() {
        return outcome + "  " + recordId + "  point " + pointId
                + "  source " + orDash(sourceHash)
                + "  target " + orDash(targetHash != null && targetHash.isEmpty() ? "(no _content_hash)" : targetHash)
                + (problem != null ? "  (the record cannot be synced: " + problem + ")" : "");
    }

    private static String orDash(String value) {
        return value == null ? "-" : value;
    }
}
