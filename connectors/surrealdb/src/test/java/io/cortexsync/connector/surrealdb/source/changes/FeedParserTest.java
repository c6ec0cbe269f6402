package io.cortexsync.connector.surrealdb.source.changes;

import io.cortexsync.connector.surrealdb.client.SurrealRecordId;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FeedParserTest {

    @Test
    void readsUpsertsDeletesAndSkipsDefinitions() {
        SurrealRecordId a = SurrealRecordId.of("cf", "a");
        FeedEntry entry = FeedParser.entry(Map.of(
                "versionstamp", 117676320264093699L,
                "changes", List.of(
                        Map.of("define_table", Map.of("name", "cf")),
                        Map.of("update", Map.of("id", a, "x", 1L)),
                        Map.of("current", Map.of("id", a, "x", 2L), "update", List.of(Map.of("op", "replace"))),
                        Map.of("delete", Map.of("id", a)))));
        assertThat(entry.versionstamp()).isEqualTo(117676320264093699L);
        assertThat(entry.changes()).extracting(FeedChange::kind).containsExactly(
                FeedChange.Kind.OTHER, FeedChange.Kind.UPSERT, FeedChange.Kind.UPSERT, FeedChange.Kind.DELETE);
        assertThat(entry.changes().get(2).fields()).containsEntry("x", 2L);
        assertThat(entry.changes().get(3).id()).isEqualTo(a);
    }

    @Test
    void readsRetentionsFromTableDefinitions() {
        Map<String, Duration> retentions = FeedParser.retentions(Map.of(
                "cf", "DEFINE TABLE cf TYPE ANY SCHEMALESS CHANGEFEED 1h30m INCLUDE ORIGINAL PERMISSIONS NONE",
                "plain", "DEFINE TABLE plain TYPE ANY SCHEMALESS PERMISSIONS NONE",
                "week", "DEFINE TABLE week CHANGEFEED 1w"));
        assertThat(retentions).containsOnly(
                Map.entry("cf", Duration.ofMinutes(90)), Map.entry("week", Duration.ofDays(7)));
    }

    @Test
    void refusesWhatIsNotADuration() {
        assertThatThrownBy(() -> FeedParser.parseDuration("1hx")).hasMessageContaining("not a SurrealQL duration");
        assertThat(FeedParser.parseDuration("250ms")).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void sinceTakesOnlyNonNegativeLongs() {
        assertThat(Versionstamps.sinceLiteral(117676320264093699L)).isEqualTo("117676320264093699");
        assertThatThrownBy(() -> Versionstamps.sinceLiteral(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Versionstamps.instantOf(117676320478773760L).toString()).isEqualTo("2026-11-25T09:15:51.836Z");
    }
}
