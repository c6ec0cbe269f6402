package io.cortexsync.cli.cdc;

import io.cortexsync.jobs.common.JobCounters;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The progress line: snapshot progress per table until its snapshot is done, then changes, rate, lag. */
class CdcProgressTest {

    @Test
    void showsEachTablesSnapshotUntilItIsDoneThenChangesRateAndLag() {
        Map<String, Long> tables = new LinkedHashMap<>();
        tables.put("docs", 3000L);
        tables.put("notes", 10L);
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        CdcProgress progress = new CdcProgress(Clock.fixed(t0, ZoneOffset.UTC), tables);
        Map<String, Object> counters = new LinkedHashMap<>();
        counters.put(JobCounters.SYNCED, 1210L);
        counters.put(JobCounters.SYNCED_PREFIX + "docs", 1200L);
        counters.put(JobCounters.SYNCED_PREFIX + "notes", 10L);
        counters.put(JobCounters.SNAPSHOT_DONE_PREFIX + "notes", 1L);
        assertThat(progress.line(counters)).isEqualTo("snapshot docs 1200 of ~3000 records; synced 1210 changes (0 deletes), 0 dead letters");

        CdcProgress later = new CdcProgress(Clock.offset(Clock.fixed(t0, ZoneOffset.UTC), Duration.ofSeconds(5)), tables);
        counters.put(JobCounters.SNAPSHOT_DONE_PREFIX + "docs", 1L);
        counters.put(JobCounters.SYNCED, "3510");
        counters.put(JobCounters.SYNCED_DELETES, "12");
        counters.put(JobCounters.LAST_SYNCED_AT_MS, t0.toEpochMilli() + 4000);
        counters.put(JobCounters.LAST_COMMIT_MS, t0.toEpochMilli() + 3880);
        counters.put(JobCounters.DEAD_LETTERED, 2L);
        assertThat(later.line(counters)).isEqualTo("synced 3510 changes (12 deletes), lag 120 ms (last change, 1 s ago), 2 dead letters");
    }
}
