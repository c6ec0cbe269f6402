package io.cortexsync.cli.chaos;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A fault-matrix row: its store comparison and its verdict come from the counts. */
class FaultRowTest {

    @Test
    void comparesPointsWithRecords() {
        Map<String, String> surreal = Map.of("a:1", "h1", "a:2", "h2", "a:3", "h3");
        Map<String, String> qdrant = Map.of("a:1", "h1", "a:2", "stale", "a:9", "h9");
        assertThat(FaultRow.compare(surreal, qdrant)).containsExactly(1, 1, 1);
    }

    @Test
    void nothingLostOnlyWhenEveryCountAgrees() {
        FaultRow clean = new FaultRow("cdc", "taskmanager-kill-9", "recovered", 10, 10, 10, 0, 0, 0, 0, 3.2);
        assertThat(clean.nothingLost()).isTrue();
        assertThat(clean.line()).startsWith("chaos_row job=cdc fault=taskmanager-kill-9 outcome=recovered expected=10 ")
                .endsWith("recover_s=3.2 nothing_lost=true");
        assertThat(new FaultRow("cdc", "f", "recovered", 10, 10, 9, 0, 0, 0, 0, 1).nothingLost()).isFalse();
        assertThat(new FaultRow("cdc", "f", "recovered", 10, 10, 10, 1, 0, 0, 0, 1).nothingLost()).isFalse();
        assertThat(new FaultRow("cdc", "f", "recovered", 10, 10, 10, 0, 0, 0, 2, 1).nothingLost()).isFalse();
        assertThat(new FaultRow("migrate", "f", "recovered", 10, 10, 10, 0, 0, -1, -1, 1).nothingLost())
                .as("no events published").isTrue();
        assertThat(new FaultRow("reconcile", "f", "recovered", 100, -1, -1, 0, 0, 0, 0, 1).nothingLost())
                .as("a dry run's stores are not compared").isTrue();
        assertThat(new FaultRow("reconcile", "f", "recovered", 100, -1, -1, 0, 0, 1, 0, 1).nothingLost()).isFalse();
    }
}
