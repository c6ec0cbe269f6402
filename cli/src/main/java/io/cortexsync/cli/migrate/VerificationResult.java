package io.cortexsync.cli.migrate;

import java.util.List;

/**
 * What {@link MigrationVerifier} found: of {@code verified} migrated records, how many Qdrant holds
 * with the right content hash, how many are missing and how many carry another hash; the first
 * mismatches in detail.
 */
public record VerificationResult(long verified, long correct, long missing, long hashMismatches, List<Mismatch> mismatches) {

    /** At most this many mismatches are listed; the counts are always complete. */
    public static final int MAX_LISTED = 100;

    public VerificationResult {
        mismatches = List.copyOf(mismatches);
    }

    public long incorrect() {
        return missing + hashMismatches;
    }

    public boolean allCorrect() {
        return incorrect() == 0;
    }

    /** One record Qdrant does not hold as it should: {@code actualHash} null when the point is missing. */
    public record Mismatch(String recordId, String pointId, String expectedHash, String actualHash) {

        public String problem() {
            return actualHash == null ? "missing" : "content hash differs";
        }
    }
}
