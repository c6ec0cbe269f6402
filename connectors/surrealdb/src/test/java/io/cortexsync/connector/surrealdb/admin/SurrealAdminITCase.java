package io.cortexsync.connector.surrealdb.admin;

import io.cortexsync.connector.surrealdb.client.QueryOptions;
import io.cortexsync.connector.surrealdb.client.SurrealRecordId;
import io.cortexsync.connector.surrealdb.client.SurrealStatementException;
import io.cortexsync.connector.surrealdb.client.SurrealTestEngine;
import io.cortexsync.connector.surrealdb.source.SourceTestData;
import io.cortexsync.connector.surrealdb.source.changes.ChangeFeed;
import io.cortexsync.connector.surrealdb.source.changes.FeedEntry;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The database administration against the real engine, on tables with hostile keys. */
@Timeout(120)
class SurrealAdminITCase {

    @RegisterExtension
    static final SurrealTestEngine ENGINE = SurrealTestEngine.start("admin", "admin_it");

    private static SurrealAdmin admin;

    @BeforeAll
    static void load() {
        admin = new SurrealAdmin(ENGINE.client());
        SourceTestData.writeRecords(ENGINE.client(), "plain", 1_050, 1);
        SourceTestData.defineChangeFeed(ENGINE.client(), "followed", "1h30m");
        SourceTestData.writeRecords(ENGINE.client(), "followed", 10, 2);
    }

    @Test
    void listsTheTables() {
        assertThat(admin.tables()).contains("plain", "followed").isSorted();
    }

    @Test
    void countsTheRecordsOfATable() {
        assertThat(admin.count("plain")).isEqualTo(1_050);
        assertThat(admin.count("followed")).isEqualTo(10);
        assertThatThrownBy(() -> admin.count("no_such_table"))
                .isInstanceOf(SurrealStatementException.class)
                .hasMessageContaining("no_such_table");
    }

    @Test
    void findsTheCommonVectorLengthDespiteABrokenRecord() {
        ENGINE.client().query("UPSERT $id SET v = [1.0, 2.0]", Map.of("id", SurrealRecordId.of("mixed", "a")));
        SourceTestData.writeRecords(ENGINE.client(), "mixed", 3, 3);
        assertThat(admin.commonVectorLength("mixed", "v", 50)).hasValue(SourceTestData.DIMENSIONS);
        assertThat(admin.commonVectorLength("plain", "no_vector_here", 50)).isEmpty();
    }

    @Test
    void readsTheChangeFeedRetentionOfATable() {
        assertThat(admin.changeFeedRetention("followed")).hasValue(Duration.ofMinutes(90));
        assertThat(admin.changeFeedRetention("plain")).isEmpty();
    }

    @Test
    void theCurrentVersionstampIsWhereLaterChangesStart() {
        SourceTestData.defineChangeFeed(ENGINE.client(), "moving", "1h");
        SourceTestData.writeRecords(ENGINE.client(), "moving", 5, 4);
        long now = admin.currentVersionstamp(Duration.ofSeconds(30));
        ENGINE.client().query("UPSERT $id SET n = 1", Map.of("id", SurrealRecordId.of("moving", "after")));

        List<SurrealRecordId> later = new ArrayList<>();
        for (FeedEntry entry : new ChangeFeed(ENGINE.client(), List.of()).page(now, ChangeFeed.MAX_PAGE_SIZE)) {
            assertThat(entry.versionstamp()).isGreaterThanOrEqualTo(now);
            entry.changes().stream().filter(c -> c.table().equals("moving")).forEach(c -> later.add(c.id()));
        }
        assertThat(later).containsExactly(SurrealRecordId.of("moving", "after"));
        assertThat(admin.currentVersionstamp(Duration.ofSeconds(30))).isGreaterThan(now);
    }

    @Test
    void keyRangesCoverEveryRecordOnce() {
        List<SurrealRecordId> ranges = admin.keyRanges("plain", 200);
        assertThat(ranges.size()).isBetween(3, 12);
        Set<SurrealRecordId> seen = new HashSet<>();
        long read = 0;
        for (SurrealRecordId range : ranges) {
            assertThat(range.table()).isEqualTo("plain");
            for (Map<String, Object> row : ENGINE.client().query("SELECT id FROM $r", Map.of("r", range),
                    QueryOptions.DEFAULTS.withIdempotent(true)).get(0).records()) {
                assertThat(seen.add((SurrealRecordId) row.get("id"))).as("read once: %s", row.get("id")).isTrue();
                read++;
            }
        }
        assertThat(read).isEqualTo(1_050);
    }
}
