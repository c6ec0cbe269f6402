package io.cortexsync.cli.preflight;

import java.util.Map;

/**
 * What the preflight learnt: the records per table, the vector dimension the job uses, and
 * whether the collection exists already (with that dimension and distance, or it would have failed).
 */
public record PreflightResult(Map<String, Long> recordsByTable, int dimension, boolean collectionExists) {

    public PreflightResult {
        recordsByTable = Map.copyOf(recordsByTable);
    }

    public long totalRecords() {
        return recordsByTable.values().stream().mapToLong(Long::longValue).sum();
    }
}
