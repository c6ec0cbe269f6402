package io.cortexsync.connector.dualwrite.apply;

import io.cortexsync.connector.dualwrite.DualWriteSettings;
import io.cortexsync.connector.dualwrite.commit.CommitMarker;
import io.cortexsync.connector.dualwrite.commit.SurrealCommit;
import io.cortexsync.connector.surrealdb.client.QueryOptions;
import io.cortexsync.connector.surrealdb.client.Statement;
import io.cortexsync.connector.surrealdb.client.SurrealClient;
import io.cortexsync.connector.surrealdb.client.SurrealException;
import io.cortexsync.connector.surrealdb.client.SurrealFailures;
import io.cortexsync.connector.surrealdb.client.SurrealRecordId;
import io.cortexsync.schema.model.EntityChange;

import org.apache.flink.annotation.Internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Undoes a commit's SurrealDB write of one record whose point Qdrant refused for good: the record
 * and its tombstone get back what the marker's before-image holds (a record the commit created is
 * deleted), in one transaction. A record a later change has since overwritten (another version
 * stored) is left alone: the later change stands.
 */
@Internal
public final class Compensation {

    private static final QueryOptions READ = QueryOptions.DEFAULTS.withIdempotent(true);

    private final SurrealClient client;
    private final DualWriteSettings settings;
    private final SurrealCommit surreal;

    public Compensation(SurrealClient client, DualWriteSettings settings, SurrealCommit surreal) {
        this.client = client;
        this.settings = settings;
        this.surreal = surreal;
    }

    /** Restores the record; null when done, otherwise why it was not. */
    public String restore(String canonicalId, EntityChange written, CommitMarker.BeforeImage before) {
        SurrealRecordId record = SurrealRecordId.fromRecordId(written.recordId());
        if (written.version() != null && !written.isDelete()) {
            Map<String, Object> now = client.query("SELECT * FROM $id", Map.of("id", record), READ).get(0).records()
                    .stream().findFirst().orElse(null);
            Object stored = now == null ? null : now.get(settings.versionField());
            if (!(stored instanceof Number) || ((Number) stored).longValue() != written.version()) {
                return "not restored in SurrealDB: a later change (version " + stored + ") has replaced it";
            }
        }
        List<Statement> statements = new ArrayList<>();
        if (before == null || before.record() == null) {
            statements.add(Statement.builder().sql("DELETE ").bind(record).sql(" RETURN NONE").build());
        } else {
            Map<String, Object> content = new LinkedHashMap<>(before.record());
            content.remove("id");
            statements.add(Statement.builder().sql("UPSERT ").bind(record).sql(" CONTENT ").bind(content).sql(" RETURN NONE").build());
        }
        SurrealRecordId tombstone = surreal.tombstoneId(canonicalId);
        if (before != null && before.tombstone() != null) {
            Map<String, Object> stone = new LinkedHashMap<>(before.tombstone());
            stone.remove("id");
            statements.add(Statement.builder().sql("UPSERT ").bind(tombstone).sql(" CONTENT ").bind(stone).sql(" RETURN NONE").build());
        } else if (written.isDelete()) {
            statements.add(Statement.builder().sql("DELETE ").bind(tombstone).sql(" RETURN NONE").build());
        }
        try {
            client.transaction(statements);
            return null;
        } catch (SurrealException e) {
            if (SurrealFailures.TRANSIENT.isTransient(e)) {
                throw e;
            }
            return "not restored in SurrealDB: " + e.getMessage();
        }
    }
}
