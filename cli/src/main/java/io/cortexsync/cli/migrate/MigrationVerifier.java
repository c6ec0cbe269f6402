package io.cortexsync.cli.migrate;

import io.cortexsync.connector.common.retry.Backoff;
import io.cortexsync.connector.common.retry.RetryingCall;
import io.cortexsync.connector.qdrant.client.QdrantConnection;
import io.cortexsync.connector.qdrant.client.QdrantFailures;
import io.cortexsync.connector.surrealdb.admin.SurrealAdmin;
import io.cortexsync.connector.surrealdb.client.SurrealClient;
import io.cortexsync.connector.surrealdb.client.SurrealRecordId;
import io.cortexsync.connector.surrealdb.source.convert.SyncEntityMapping;
import io.cortexsync.connector.surrealdb.source.record.SurrealChange;
import io.cortexsync.jobs.migrate.MigrationMapping;
import io.cortexsync.schema.hash.ContentHash;
import io.cortexsync.schema.ids.PointIds;
import io.cortexsync.schema.model.PayloadFields;
import io.qdrant.client.PointIdFactory;
import io.qdrant.client.WithPayloadSelectorFactory;
import io.qdrant.client.WithVectorsSelectorFactory;
import io.qdrant.client.grpc.Common.PointId;
import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points.RetrievedPoint;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Checks a finished migration from the client: reads every source record again, converts it as the
 * job did, and asks Qdrant for its point: present, with {@code _content_hash} equal to the hash of
 * the source record. Records the job dead-lettered are not expected in Qdrant and are skipped. Works
 * the same after a local and a cluster run.
 */
public final class MigrationVerifier {

    /** Records per read and per Qdrant retrieve, about. */
    private static final int PAGE = 500;
    private static final Duration QDRANT_TIMEOUT = Duration.ofSeconds(60);
    /** Reads are idempotent: a Qdrant that blips (a cut connection, a restart) is asked again, for about 20 s. */
    private static final RetryingCall QDRANT_READS =
            new RetryingCall(6, new Backoff(Duration.ofMillis(500), Duration.ofSeconds(8)), QdrantFailures.TRANSIENT);

    private final SurrealClient surreal;
    private final QdrantConnection qdrant;
    private final String collection;
    private final List<String> tables;
    private final String vectorField;
    private final SyncEntityMapping mapping;

    public MigrationVerifier(SurrealClient surreal, QdrantConnection qdrant, String collection, List<String> tables,
            String vectorField, int dimension) {
        this.surreal = surreal;
        this.qdrant = qdrant;
        this.collection = collection;
        this.tables = List.copyOf(tables);
        this.vectorField = vectorField;
        this.mapping = MigrationMapping.of(vectorField, dimension);
    }

    /** Opens both stores with the migration's options, verifies, and closes them. */
    public static VerificationResult verify(MigrateOptions options, int dimension) throws InterruptedException {
        try (SurrealClient surreal = SurrealClient.create(options.stores().surrealConnection());
                QdrantConnection qdrant = QdrantConnection.open(options.stores().qdrantConnection())) {
            return new MigrationVerifier(surreal, qdrant, options.collection(), options.tables(), options.vectorField(), dimension)
                    .verify();
        }
    }

    public VerificationResult verify() throws InterruptedException {
        Tally tally = new Tally();
        SurrealAdmin admin = new SurrealAdmin(surreal);
        Instant now = Instant.now();
        for (String table : tables) {
            // ranges of about PAGE records, cut from key-only counts, each read with one bound range:
            // a single pass over the records (a scan of the ids first read every record twice)
            for (SurrealRecordId range : admin.keyRanges(table, PAGE)) {
                List<Map<String, Object>> rows = admin.read(range, vectorField);
                Map<UUID, Expected> expected = new LinkedHashMap<>();
                for (Map<String, Object> row : rows) {
                    SurrealRecordId id = (SurrealRecordId) row.get("id");
                    SyncEntityMapping.Result converted = mapping.convert(SurrealChange.read(id, row), now);
                    if (converted.ok()) {
                        expected.put(PointIds.pointId(converted.entity().id()),
                                new Expected(converted.entity().id().canonical(), ContentHash.of(converted.entity())));
                    }
                }
                compare(expected, tally);
            }
        }
        return new VerificationResult(tally.verified, tally.correct, tally.missing, tally.hashMismatches, tally.mismatches);
    }

    private void compare(Map<UUID, Expected> expected, Tally tally) throws InterruptedException {
        if (expected.isEmpty()) {
            return;
        }
        List<PointId> ids = new ArrayList<>(expected.size());
        expected.keySet().forEach(id -> ids.add(PointIdFactory.id(id)));
        List<RetrievedPoint> points;
        try {
            points = QDRANT_READS.call(() -> qdrant.client().retrieveAsync(collection, ids,
                            WithPayloadSelectorFactory.include(List.of(PayloadFields.CONTENT_HASH)),
                            WithVectorsSelectorFactory.enable(false), null, QDRANT_TIMEOUT)
                    .get(QDRANT_TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("verification: Qdrant did not return the points of collection '" + collection
                    + "': " + (e.getCause() != null ? e.getCause() : e), e);
        }
        Map<UUID, String> found = new HashMap<>();
        for (RetrievedPoint point : points) {
            Value hash = point.getPayloadMap().get(PayloadFields.CONTENT_HASH);
            found.put(UUID.fromString(point.getId().getUuid()), hash != null && hash.hasStringValue() ? hash.getStringValue() : "");
        }
        expected.forEach((pointId, want) -> {
            tally.verified++;
            String actual = found.get(pointId);
            if (want.hash.equals(actual)) {
                tally.correct++;
                return;
            }
            if (actual == null) {
                tally.missing++;
            } else {
                tally.hashMismatches++;
            }
            if (tally.mismatches.size() < VerificationResult.MAX_LISTED) {
                tally.mismatches.add(new VerificationResult.Mismatch(want.recordId, pointId.toString(), want.hash, actual));
            }
        });
    }

    private static final class Expected {
        final String recordId;
        final String hash;

        Expected(String recordId, String hash) {
            this.recordId = recordId;
            this.hash = hash;
        }
    }

    private static final class Tally {
        long verified;
        long correct;
        long missing;
        long hashMismatches;
        final List<VerificationResult.Mismatch> mismatches = new ArrayList<>();
    }
}
