package io.cortexsync.connector.dualwrite;

import io.cortexsync.connector.dualwrite.apply.Compensation;
import io.cortexsync.connector.dualwrite.apply.QdrantCommit;
import io.cortexsync.connector.dualwrite.commit.ChangeOutcome;
import io.cortexsync.connector.dualwrite.commit.CommitMarker;
import io.cortexsync.connector.dualwrite.commit.DualWriteCommittable;
import io.cortexsync.connector.dualwrite.commit.PendingChange;
import io.cortexsync.connector.dualwrite.commit.SurrealCommit;
import io.cortexsync.connector.qdrant.client.QdrantConnection;
import io.cortexsync.connector.surrealdb.client.Statement;
import io.cortexsync.connector.surrealdb.client.SurrealClient;
import io.cortexsync.connector.surrealdb.client.SurrealRecordId;
import io.cortexsync.schema.ids.RecordId;
import io.cortexsync.schema.model.EntityChange;
import io.cortexsync.schema.model.SyncEntity;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static io.cortexsync.connector.dualwrite.DualWriteTestStores.DIM;
import static io.cortexsync.connector.dualwrite.DualWriteTestStores.T0;
import static io.cortexsync.connector.dualwrite.DualWriteTestStores.entity;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two halves of a commit on the real engine and the Qdrant server, without Flink: conflicts
 * decided against stored versions and tombstones, a committable committed again doing nothing
 * more, and a point Qdrant refuses compensated in SurrealDB.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class DualWriteCommitITCase {

    private static DualWriteTestStores stores;

    @BeforeAll
    static void start() throws Exception {
        stores = DualWriteTestStores.start("dual-write-commit");
    }

    @AfterAll
    static void stop() {
        if (stores != null) {
            stores.close();
        }
    }

    /** Both halves of a commit, as the committer and the Qdrant stage run them. */
    private final class Committing implements AutoCloseable {
        final SurrealClient client;
        final QdrantConnection qdrant;
        final SurrealCommit surreal;
        final QdrantCommit points;

        Committing(DualWriteSettings settings) {
            client = SurrealClient.create(settings.surreal());
            client.queryBatch(List.of(Statement.of("DEFINE TABLE IF NOT EXISTS " + settings.commitTable()),
                    Statement.of("DEFINE TABLE IF NOT EXISTS " + settings.tombstoneTable())));
            qdrant = QdrantConnection.open(settings.qdrant());
            surreal = new SurrealCommit(client, settings, Clock.systemUTC());
            points = new QdrantCommit(qdrant, settings, new Compensation(client, settings, surreal), Clock.systemUTC());
        }

        List<ChangeOutcome> commit(DualWriteCommittable committable) {
            CommitMarker marker = surreal.commit(committable);
            List<ChangeOutcome> outcomes = points.apply(committable, marker);
            surreal.markers().finish(committable.id(), outcomes, Clock.systemUTC().instant());
            return outcomes;
        }

        @Override
        public void close() {
            qdrant.close();
            client.close();
        }
    }

    private static DualWriteSettings settings(String ns, String collection, ConflictPolicy policy) throws Exception {
        stores.createCollection(collection);
        return DualWriteSink.builder()
                .setSurrealConnection(stores.surrealConfig(ns))
                .setQdrantConnection(stores.qdrantConfig())
                .setCollection(collection)
                .setConflictPolicy(policy)
                .build().settings();
    }

    private static DualWriteCommittable committable(EntityChange... changes) {
        List<PendingChange> pending = new ArrayList<>();
        for (EntityChange change : changes) {
            pending.add(new PendingChange(change, System.currentTimeMillis()));
        }
        return new DualWriteCommittable(UUID.randomUUID().toString(), 0, pending);
    }

    private static EntityChange upsert(SyncEntity entity) {
        return EntityChange.upsert(UUID.randomUUID().toString(), entity, T0);
    }

    private static EntityChange delete(String key, Long version) {
        return EntityChange.delete(UUID.randomUUID().toString(), RecordId.of("docs", key), version, T0.plusSeconds(100));
    }

    private static List<ChangeOutcome.Kind> kinds(List<ChangeOutcome> outcomes) {
        return outcomes.stream().map(ChangeOutcome::kind).collect(Collectors.toList());
    }

    private static Map<String, Long> expected(Object... idAndVersion) {
        Map<String, Long> map = new LinkedHashMap<>();
        for (int i = 0; i < idAndVersion.length; i += 2) {
            map.put("docs:" + idAndVersion[i], (Long) idAndVersion[i + 1]);
        }
        return map;
    }

    @Test
    void conflictsAreDecidedAgainstStoredVersionsAndTombstonesInBothStores() throws Exception {
        DualWriteSettings settings = settings("dw_conflicts", "dw_conflicts", ConflictPolicy.VERSION);
        try (Committing committing = new Committing(settings)) {
            assertThat(kinds(committing.commit(committable(
                    upsert(entity("docs", "a", 1L, DIM, 1)),
                    upsert(entity("docs", "b", 1L, DIM, 2)),
                    upsert(entity("docs", "c", 1L, DIM, 3))))))
                    .containsOnly(ChangeOutcome.Kind.APPLIED);

            List<ChangeOutcome> second = committing.commit(committable(
                    upsert(entity("docs", "a", 2L, DIM, 4)),
                    upsert(entity("docs", "b", 1L, DIM, 5)),
                    delete("c", 2L),
                    upsert(entity("docs", "c", 1L, DIM, 6)),
                    upsert(entity("docs", "d", null, DIM, 7))));
            assertThat(kinds(second)).containsExactly(ChangeOutcome.Kind.APPLIED, ChangeOutcome.Kind.CONFLICT,
                    ChangeOutcome.Kind.APPLIED, ChangeOutcome.Kind.CONFLICT, ChangeOutcome.Kind.APPLIED);
            assertThat(second.get(1).detail()).isEqualTo("version 1 is not newer than the stored version 1");
            assertThat(second.get(3).detail()).isEqualTo("version 1 is not newer than the stored version 2 (deleted)");

            // a later committable: the tombstone still refuses an older version, a newer one re-creates
            List<ChangeOutcome> third = committing.commit(committable(
                    upsert(entity("docs", "c", 2L, DIM, 8)),
                    upsert(entity("docs", "c", 3L, DIM, 9)),
                    delete("a", 1L)));
            assertThat(kinds(third)).containsExactly(ChangeOutcome.Kind.CONFLICT, ChangeOutcome.Kind.APPLIED,
                    ChangeOutcome.Kind.CONFLICT);

            Map<String, Long> expected = expected("a", 2L, "b", 1L, "c", 3L, "d", null);
            assertThat(stores.surrealVersions("dw_conflicts", "docs")).containsExactlyInAnyOrderEntriesOf(expected);
            assertThat(stores.qdrantVersions("dw_conflicts")).containsExactlyInAnyOrderEntriesOf(expected);
            // every point's content hash is the one a reader of the SurrealDB record computes
            assertThat(stores.qdrantHashes("dw_conflicts")).isEqualTo(stores.surrealHashes("dw_conflicts", "docs"));
            // the re-creation removed the tombstone
            assertThat(committing.client.query("SELECT * FROM type::table($t)", Map.of("t", settings.tombstoneTable()))
                    .get(0).records()).isEmpty();
        }
    }

    @Test
    void aCommittableCommittedAgainDoesNothingMoreAndFinishesWhatWasLeft() throws Exception {
        DualWriteSettings settings = settings("dw_again", "dw_again", ConflictPolicy.VERSION);
        DualWriteCommittable first = committable(
                upsert(entity("docs", "a", 1L, DIM, 1)),
                upsert(entity("docs", "b", 1L, DIM, 2)),
                delete("b", 2L));
        try (Committing before = new Committing(settings)) {
            // the SurrealDB half only: the process died before Qdrant
            assertThat(before.surreal.commit(first).status()).isEqualTo(CommitMarker.Status.SURREAL_DONE);
            // meanwhile another writer stores a newer version of a
            before.client.upsert(SurrealRecordId.of("docs", "a"), Map.of("vector", new float[] {9, 9, 9, 9}, "version", 10L));
        }
        try (Committing after = new Committing(settings)) {
            CommitMarker again = after.surreal.commit(first);
            assertThat(again.status()).isEqualTo(CommitMarker.Status.SURREAL_DONE);
            assertThat(kinds(again.outcomes())).containsExactly(ChangeOutcome.Kind.APPLIED, ChangeOutcome.Kind.APPLIED,
                    ChangeOutcome.Kind.APPLIED);
            // the re-commit wrote nothing: a's newer version stands
            assertThat(stores.surrealVersions("dw_again", "docs")).containsExactlyInAnyOrderEntriesOf(expected("a", 10L));
            List<ChangeOutcome> outcomes = after.points.apply(first, again);
            after.surreal.markers().finish(first.id(), outcomes, Clock.systemUTC().instant());
            // Qdrant's half twice: the second finds nothing left to change
            after.points.apply(first, again);
            assertThat(after.surreal.markers().read(first.id()).orElseThrow().status()).isEqualTo(CommitMarker.Status.DONE);
            assertThat(stores.qdrantVersions("dw_again")).containsExactlyInAnyOrderEntriesOf(expected("a", 1L));
        }
    }

    @Test
    void anOlderBatchReachingQdrantLateLeavesTheNewerPoints() throws Exception {
        DualWriteSettings settings = settings("dw_late", "dw_late", ConflictPolicy.VERSION);
        try (Committing committing = new Committing(settings)) {
            committing.commit(committable(upsert(entity("docs", "gone", 1L, DIM, 1))));
            DualWriteCommittable older = committable(
                    upsert(entity("docs", "p", 1L, DIM, 2)),
                    delete("gone", 2L));
            CommitMarker olderMarker = committing.surreal.commit(older);
            committing.commit(committable(
                    upsert(entity("docs", "p", 2L, DIM, 3)),
                    upsert(entity("docs", "gone", 3L, DIM, 4))));
            // the older batch's Qdrant half runs last, as a replay after a restore could
            committing.points.apply(older, olderMarker);
            Map<String, Long> expected = expected("p", 2L, "gone", 3L);
            assertThat(stores.qdrantVersions("dw_late")).containsExactlyInAnyOrderEntriesOf(expected);
            assertThat(stores.surrealVersions("dw_late", "docs")).containsExactlyInAnyOrderEntriesOf(expected);
        }
    }

    @Test
    void aPointQdrantRefusesIsCompensatedInSurrealDb() throws Exception {
        DualWriteSettings settings = settings("dw_refused", "dw_refused", ConflictPolicy.VERSION);
        try (Committing committing = new Committing(settings)) {
            committing.commit(committable(upsert(entity("docs", "x", 1L, DIM, 1))));
            // dimension 3 in a collection of 4: Qdrant refuses these points for good
            List<ChangeOutcome> outcomes = committing.commit(committable(
                    upsert(entity("docs", "x", 2L, 3, 2)),
                    upsert(entity("docs", "y", 1L, 3, 3)),
                    upsert(entity("docs", "z", 1L, DIM, 4))));
            assertThat(kinds(outcomes)).containsExactly(ChangeOutcome.Kind.COMPENSATED, ChangeOutcome.Kind.COMPENSATED,
                    ChangeOutcome.Kind.APPLIED);
            assertThat(outcomes.get(0).detail()).startsWith("Qdrant refused the point: INVALID_ARGUMENT")
                    .contains("dimension").endsWith("SurrealDB restored");
            Map<String, Long> expected = expected("x", 1L, "z", 1L);
            assertThat(stores.surrealVersions("dw_refused", "docs")).containsExactlyInAnyOrderEntriesOf(expected);
            assertThat(stores.qdrantVersions("dw_refused")).containsExactlyInAnyOrderEntriesOf(expected);
            assertThat(committing.client.select(SurrealRecordId.of("docs", "x")).orElseThrow().get("seed")).isEqualTo(1L);
        }
    }

    @Test
    void withoutAPolicyEveryChangeAppliesInInputOrder() throws Exception {
        DualWriteSettings settings = settings("dw_none", "dw_none", ConflictPolicy.NONE);
        try (Committing committing = new Committing(settings)) {
            committing.commit(committable(upsert(entity("docs", "n", 5L, DIM, 1))));
            List<ChangeOutcome> outcomes = committing.commit(committable(
                    upsert(entity("docs", "n", 2L, DIM, 2)),
                    delete("m", 1L)));
            assertThat(kinds(outcomes)).containsOnly(ChangeOutcome.Kind.APPLIED);
            assertThat(stores.surrealVersions("dw_none", "docs")).containsExactlyInAnyOrderEntriesOf(expected("n", 2L));
            assertThat(stores.qdrantVersions("dw_none")).containsExactlyInAnyOrderEntriesOf(expected("n", 2L));
            // no tombstones without a policy that reads them
            assertThat(committing.client.query("SELECT * FROM type::table($t)", Map.of("t", settings.tombstoneTable()))
                    .get(0).records()).isEmpty();
        }
    }

    @Test
    void onlyFinishedMarkersPastTheRetentionAreRemoved() throws Exception {
        DualWriteSettings settings = settings("dw_retention", "dw_retention", ConflictPolicy.VERSION);
        try (Committing committing = new Committing(settings)) {
            DualWriteCommittable finished = committable(upsert(entity("docs", "f", 1L, DIM, 1)));
            committing.commit(finished);
            DualWriteCommittable unfinished = committable(upsert(entity("docs", "u", 1L, DIM, 2)));
            committing.surreal.commit(unfinished);
            // a cutoff in the future: both markers are older than it, only the finished one goes
            committing.surreal.markers().removeFinishedBefore(Clock.systemUTC().instant().plusSeconds(60));
            assertThat(committing.surreal.markers().read(finished.id())).isEmpty();
            assertThat(committing.surreal.markers().read(unfinished.id())).isPresent();
            // a cutoff in the past removes nothing
            DualWriteCommittable recent = committable(upsert(entity("docs", "r", 1L, DIM, 3)));
            committing.commit(recent);
            committing.surreal.markers().removeFinishedBefore(Clock.systemUTC().instant().minusSeconds(60));
            assertThat(committing.surreal.markers().read(recent.id())).isPresent();
        }
    }

    @Test
    void byTimestampTheLaterEntityWins() throws Exception {
        DualWriteSettings settings = settings("dw_time", "dw_time", ConflictPolicy.TIMESTAMP);
        try (Committing committing = new Committing(settings)) {
            committing.commit(committable(upsert(entity("docs", "t", null, DIM, 5))));
            List<ChangeOutcome> outcomes = committing.commit(committable(
                    upsert(entity("docs", "t", null, DIM, 4)),
                    upsert(entity("docs", "t", null, DIM, 6))));
            assertThat(kinds(outcomes)).containsExactly(ChangeOutcome.Kind.CONFLICT, ChangeOutcome.Kind.APPLIED);
            assertThat(outcomes.get(0).detail()).startsWith("timestamp 2026-12-01T00:00:04Z is not newer than the stored timestamp 2026-12-01T00:00:05Z");
            assertThat(committing.client.select(SurrealRecordId.of("docs", "t")).orElseThrow().get("seed")).isEqualTo(6L);
        }
    }
}
