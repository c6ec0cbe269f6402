package io.cortexsync.cli.reconcile;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReconcileProgressTest {

    @Test
    void readsThenComparesThenRepairs() {
        ReconcileProgress progress = new ReconcileProgress(20_000, 256);
        assertThat(progress.line(Map.of("sourceRecords", 1_500L, "targetPoints", "900")))
                .isEqualTo("progress: 1,500 of ~20,000 records, 900 points read");
        assertThat(progress.line(Map.of("sourceRecords", 20_000L, "targetPoints", 20_001L, "partitionsCompared", 64L,
                        "found.MISSING_VECTOR", 3L, "found.ORPHAN_VECTOR", 2L, "repairsSucceeded", 4L)))
                .isEqualTo("progress: 20,000 of ~20,000 records, 20,001 points read; 64 of 256 partitions compared, "
                        + "5 differences, 4 repaired");
    }
}
