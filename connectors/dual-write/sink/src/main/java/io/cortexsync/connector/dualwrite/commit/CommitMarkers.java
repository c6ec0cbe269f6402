package io.cortexsync.connector.dualwrite.commit;

import io.cortexsync.connector.dualwrite.DualWriteSettings;
import io.cortexsync.connector.surrealdb.client.QueryOptions;
import io.cortexsync.connector.surrealdb.client.Statement;
import io.cortexsync.connector.surrealdb.client.SurrealClient;
import io.cortexsync.connector.surrealdb.client.SurrealRecordId;

import org.apache.flink.annotation.Internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Commit markers in SurrealDB: one record per committable, keyed by sink id and committable id,
 * written in the same transaction as the committable's writes and finished once Qdrant holds them
 * too. Every value is bound; the table name only reaches the query through {@code type::table}.
 */
@Internal
public final class CommitMarkers {

    private static final QueryOptions READ = QueryOptions.DEFAULTS.withIdempotent(true);

    private final SurrealClient client;
    private final String table;
    private final String sinkId;

    public CommitMarkers(SurrealClient client, DualWriteSettings settings) {
        this.client = client;
        this.table = settings.commitTable();
        this.sinkId = settings.sinkId();
    }

    public SurrealRecordId idOf(String committableId) {
        return SurrealRecordId.of(table, sinkId + "/" + committableId);
    }

    /** The marker of a committable, if its SurrealDB transaction committed. */
    public Optional<CommitMarker> read(String committableId) {
        List<Map<String, Object>> rows = client.query("SELECT * FROM $id", Map.of("id", idOf(committableId)), READ)
                .get(0).records();
        return rows.isEmpty() ? Optional.empty() : Optional.of(parse(committableId, rows.get(0)));
    }

    /** Creates the marker; fails if it exists, so a commit that raced another cannot pass unnoticed. */
    public Statement create(CommitMarker marker, int subtask, Instant now) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("sink", sinkId);
        content.put("subtask", (long) subtask);
        content.put("status", marker.status().name());
        content.put("outcomes", outcomes(marker.outcomes()));
        List<Object> before = new ArrayList<>();
        marker.before().forEach((id, image) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", id);
            entry.put("record", image.record());
            entry.put("tombstone", image.tombstone());
            before.add(entry);
        });
        content.put("before", before);
        content.put("created_at", now);
        return Statement.builder().sql("CREATE ").bind(idOf(marker.committableId()))
                .sql(" CONTENT ").bind(content).sql(" RETURN NONE").label("marker").build();
    }

    /** Marks the commit done with the final outcomes (compensations included). */
    public void finish(String committableId, List<ChangeOutcome> outcomes, Instant now) {
        client.query("UPDATE $id MERGE $fields RETURN NONE", Map.of("id", idOf(committableId),
                "fields", Map.of("status", CommitMarker.Status.DONE.name(), "outcomes", outcomes(outcomes), "done_at", now)), READ);
    }

    /** Removes this sink's finished markers older than {@code cutoff}; never an unfinished one. */
    public void removeFinishedBefore(Instant cutoff) {
        client.query("DELETE type::table($table) WHERE sink = $sink AND status = $done AND done_at < $cutoff RETURN NONE",
                Map.of("table", table, "sink", sinkId, "done", CommitMarker.Status.DONE.name(), "cutoff", cutoff), READ);
    }

    private static List<Object> outcomes(List<ChangeOutcome> outcomes) {
        List<Object> list = new ArrayList<>(outcomes.size());
        for (ChangeOutcome outcome : outcomes) {
            list.add(List.of(outcome.kind().name(), outcome.detail()));
        }
        return list;
    }

    @SuppressWarnings("unchecked")
    private static CommitMarker parse(String committableId, Map<String, Object> row) {
        CommitMarker.Status status = CommitMarker.Status.valueOf(String.valueOf(row.get("status")));
        List<ChangeOutcome> outcomes = new ArrayList<>();
        for (Object item : (List<Object>) row.getOrDefault("outcomes", List.of())) {
            List<Object> pair = (List<Object>) item;
            outcomes.add(new ChangeOutcome(ChangeOutcome.Kind.valueOf(String.valueOf(pair.get(0))), String.valueOf(pair.get(1))));
        }
        Map<String, CommitMarker.BeforeImage> before = new LinkedHashMap<>();
        for (Object item : (List<Object>) row.getOrDefault("before", List.of())) {
            Map<String, Object> entry = (Map<String, Object>) item;
            before.put(String.valueOf(entry.get("id")), new CommitMarker.BeforeImage(
                    asMap(entry.get("record")), asMap(entry.get("tombstone"))));
        }
        return new CommitMarker(committableId, status, outcomes, before);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        return value instanceof Map ? (Map<String, Object>) value : null;
    }
}
