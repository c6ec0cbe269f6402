package io.cortexsync.connector.dualwrite.commit;

import io.cortexsync.connector.dualwrite.ConflictPolicy;
import io.cortexsync.connector.dualwrite.DualWriteSettings;
import io.cortexsync.connector.surrealdb.client.QueryOptions;
import io.cortexsync.connector.surrealdb.client.Statement;
import io.cortexsync.connector.surrealdb.client.StatementResult;
import io.cortexsync.connector.surrealdb.client.SurrealClient;
import io.cortexsync.connector.surrealdb.client.SurrealRecordId;
import io.cortexsync.connector.surrealdb.client.SurrealStatementException;
import io.cortexsync.connector.surrealdb.sink.internal.WriteFailures;
import io.cortexsync.schema.model.EntityChange;
import io.cortexsync.schema.model.SyncEntity;

import org.apache.flink.annotation.Internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The SurrealDB half of a commit: reads what the committable's records and tombstones hold,
 * decides each change against it ({@link ConflictGuard}), and writes the winners' final state, the
 * tombstones and the commit marker with the before-images in one transaction. A committable whose
 * marker exists was committed already: its marker is the answer, and nothing is written again.
 */
@Internal
public final class SurrealCommit {

    private final SurrealClient client;
    private final DualWriteSettings settings;
    private final CommitMarkers markers;
    private final ConflictGuard guard;
    private final Clock clock;
    private final QueryOptions readOptions;

    public SurrealCommit(SurrealClient client, DualWriteSettings settings, Clock clock) {
        this.client = client;
        this.settings = settings;
        this.markers = new CommitMarkers(client, settings);
        this.guard = new ConflictGuard(settings.conflict());
        this.clock = clock;
        this.readOptions = QueryOptions.DEFAULTS.withIdempotent(true).withFloatArrayFields(settings.vectorField());
    }

    public CommitMarkers markers() {
        return markers;
    }

    /**
     * Commits the committable to SurrealDB unless its marker says it was; returns the marker. A
     * change whose record SurrealDB refuses (a SCHEMAFULL type, an ASSERT) is FAILED and the rest
     * committed without it; any other failure is thrown for the caller to retry.
     */
    public CommitMarker commit(DualWriteCommittable committable) {
        Map<String, String> refused = new LinkedHashMap<>();
        while (true) {
            Optional<CommitMarker> done = markers.read(committable.id());
            if (done.isPresent()) {
                return done.get();
            }
            Plan plan = plan(committable, read(committable), refused);
            try {
                client.transaction(plan.statements);
                return plan.marker;
            } catch (SurrealStatementException e) {
                String culprit = WriteFailures.isRejectedWrite(e) ? plan.recordOf(e.statementIndex()) : null;
                if (culprit == null || refused.containsKey(culprit)) {
                    throw e;
                }
                refused.put(culprit, "SurrealDB refused the write: " + e.serverMessage());
            }
        }
    }

    /** What the committable's records and their tombstones hold now, by canonical record id. */
    private Map<String, StoredRecord> read(DualWriteCommittable committable) {
        Set<String> canonical = new LinkedHashSet<>();
        List<SurrealRecordId> ids = new ArrayList<>();
        List<SurrealRecordId> tombstones = new ArrayList<>();
        for (PendingChange pending : committable.changes()) {
            String id = pending.change().recordId().canonical();
            if (canonical.add(id)) {
                ids.add(SurrealRecordId.fromRecordId(pending.change().recordId()));
                tombstones.add(tombstoneId(id));
            }
        }
        List<StatementResult> results = client.query("SELECT * FROM $ids; SELECT * FROM $tombstones",
                Map.of("ids", ids, "tombstones", tombstones), readOptions);
        Map<String, StoredRecord> stored = new LinkedHashMap<>();
        for (String id : canonical) {
            stored.put(id, new StoredRecord(null, null));
        }
        for (Map<String, Object> row : results.get(0).records()) {
            String id = ((SurrealRecordId) row.get("id")).toRecordId().canonical();
            stored.put(id, new StoredRecord(row, stored.get(id).tombstone()));
        }
        for (Map<String, Object> row : results.get(1).records()) {
            String id = String.valueOf(row.get("record_id"));
            if (stored.containsKey(id)) {
                stored.put(id, new StoredRecord(stored.get(id).record(), row));
            }
        }
        return stored;
    }

    private Plan plan(DualWriteCommittable committable, Map<String, StoredRecord> stored, Map<String, String> refused) {
        Map<String, ConflictGuard.Stored> current = new LinkedHashMap<>();
        stored.forEach((id, record) -> current.put(id, record.guardView(settings)));
        Map<String, EntityChange> lastApplied = new LinkedHashMap<>();
        List<ChangeOutcome> outcomes = new ArrayList<>();
        for (PendingChange pending : committable.changes()) {
            EntityChange change = pending.change();
            String id = change.recordId().canonical();
            if (refused.containsKey(id)) {
                outcomes.add(new ChangeOutcome(ChangeOutcome.Kind.FAILED, refused.get(id)));
                continue;
            }
            String conflict = guard.conflict(change, current.get(id));
            if (conflict != null) {
                outcomes.add(ChangeOutcome.conflict(conflict));
                continue;
            }
            outcomes.add(ChangeOutcome.applied(change.isDelete() ? "deleted" : "upserted"));
            current.put(id, guard.after(change, current.get(id)));
            lastApplied.remove(id);
            lastApplied.put(id, change);
        }
        Instant now = clock.instant();
        Plan plan = new Plan();
        Map<String, CommitMarker.BeforeImage> before = new LinkedHashMap<>();
        for (Map.Entry<String, EntityChange> entry : lastApplied.entrySet()) {
            String id = entry.getKey();
            StoredRecord was = stored.get(id);
            before.put(id, new CommitMarker.BeforeImage(was.record(), was.tombstone()));
            writeFinalState(plan, id, entry.getValue(), was, current.get(id), now);
        }
        plan.marker = new CommitMarker(committable.id(), CommitMarker.Status.SURREAL_DONE, outcomes, before);
        plan.add(markers.create(plan.marker, committable.subtask(), now), null);
        return plan;
    }

    /** The record's final state after the committable, and its tombstone to match. */
    private void writeFinalState(Plan plan, String id, EntityChange last, StoredRecord was, ConflictGuard.Stored after, Instant now) {
        SurrealRecordId record = SurrealRecordId.fromRecordId(last.recordId());
        SurrealRecordId tombstone = tombstoneId(id);
        if (!last.isDelete()) {
            plan.add(Statement.builder().sql("UPSERT ").bind(record).sql(" CONTENT ").bind(content(last.entity()))
                    .sql(" RETURN NONE").label(id).build(), id);
            if (was.tombstone() != null) {
                plan.add(Statement.builder().sql("DELETE ").bind(tombstone).sql(" RETURN NONE").label(id).build(), id);
            }
            return;
        }
        if (was.record() != null) {
            plan.add(Statement.builder().sql("DELETE ").bind(record).sql(" RETURN NONE").label(id).build(), id);
        }
        if (settings.conflict() != ConflictPolicy.NONE) {
            Map<String, Object> stone = new LinkedHashMap<>();
            stone.put("record_id", id);
            stone.put("version", after.version());
            stone.put("time", after.timestamp());
            stone.put("deleted_at", now);
            plan.add(Statement.builder().sql("UPSERT ").bind(tombstone).sql(" CONTENT ").bind(stone)
                    .sql(" RETURN NONE").label(id).build(), id);
        }
    }

    /** The record as SurrealDB keeps it: the metadata without {@code id}, the vector, the version and, by timestamp, the timestamp. */
    public Map<String, Object> content(SyncEntity entity) {
        Map<String, Object> content = new LinkedHashMap<>(entity.metadata());
        content.remove("id");
        content.put(settings.vectorField(), entity.vector());
        if (entity.version() != null) {
            content.put(settings.versionField(), entity.version());
        }
        if (settings.conflict() == ConflictPolicy.TIMESTAMP) {
            content.put(settings.timestampField(), entity.timestamp());
        }
        return content;
    }

    /**
     * Removes tombstones older than {@code cutoff}: past the retention a deleted record no longer
     * refuses older changes, which by then no replay can bring.
     */
    public void removeTombstonesBefore(Instant cutoff) {
        client.query("DELETE type::table($table) WHERE deleted_at < $cutoff RETURN NONE",
                Map.of("table", settings.tombstoneTable(), "cutoff", cutoff), readOptions);
    }

    public SurrealRecordId tombstoneId(String canonicalRecordId) {
        return SurrealRecordId.of(settings.tombstoneTable(), canonicalRecordId);
    }

    /** The statements of one transaction and, for each, the record it writes (null for the marker). */
    private static final class Plan {
        final List<Statement> statements = new ArrayList<>();
        final List<String> records = new ArrayList<>();
        CommitMarker marker;

        void add(Statement statement, String record) {
            statements.add(statement);
            records.add(record);
        }

        String recordOf(int index) {
            return index >= 0 && index < records.size() ? records.get(index) : null;
        }
    }
}
