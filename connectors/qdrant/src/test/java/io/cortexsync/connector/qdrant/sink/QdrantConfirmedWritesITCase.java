package io.cortexsync.connector.qdrant.sink;

import io.cortexsync.connector.qdrant.client.QdrantConnection;
import io.cortexsync.connector.qdrant.client.QdrantConnectionConfig;
import io.cortexsync.connector.qdrant.convert.EntityChangePointConverter;
import io.cortexsync.schema.ids.PointIds;
import io.cortexsync.schema.model.DeadLetter;
import io.cortexsync.schema.model.EntityChange;
import io.cortexsync.schema.model.SyncEntity;
import io.cortexsync.schema.serialization.SchemaTypes;
import io.cortexsync.testkit.flink.MiniClusters;
import io.cortexsync.testkit.qdrant.QdrantTestServer;
import io.qdrant.client.PointIdFactory;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;

import static io.cortexsync.connector.qdrant.sink.SinkTestSupport.createCollection;
import static io.cortexsync.connector.qdrant.sink.SinkTestSupport.entity;
import static io.cortexsync.connector.qdrant.sink.SinkTestSupport.pointsBySurrealId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The confirming writer on a MiniCluster: one outcome per element, each emitted only once Qdrant
 * holds what the write asked for, dead letters on the side output.
 */
@Timeout(120)
class QdrantConfirmedWritesITCase {

    private static final int DIM = 8;

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = MiniClusters.withSlots(2);

    private static QdrantTestServer qdrant;
    private static QdrantConnectionConfig connection;
    /** The outcome mapper's look into Qdrant; closed with the class so that no client thread outlives it. */
    private static QdrantConnection lookup;
    /** What the outcome mapper found in Qdrant when it was told a write was confirmed, when that was not the write. */
    private static final Queue<String> NOT_YET_IN_QDRANT = new ConcurrentLinkedQueue<>();
    /** Records whose upsert is followed by a delete: Qdrant may already have applied the delete. */
    private static final Set<String> DELETED_LATER = ConcurrentHashMap.newKeySet();

    @BeforeAll
    static void start() {
        qdrant = QdrantTestServer.builder().port(0).build().start();
        connection = QdrantConnectionConfig.builder().host(qdrant.host()).port(qdrant.port())
                .requestTimeout(Duration.ofSeconds(10)).build();
        lookup = QdrantConnection.open(connection);
    }

    @AfterAll
    static void stop() {
        if (lookup != null) {
            lookup.close();
        }
        if (qdrant != null) {
            qdrant.close();
        }
    }

    @Test
    void emitsOneOutcomePerElementOnlyAfterQdrantHoldsItsWrite() throws Exception {
        String collection = "confirmed_writes";
        createCollection(connection, collection, DIM);
        List<EntityChange> changes = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            changes.add(EntityChange.upsert("u" + i, entity("doc", i, DIM, 1), SinkTestSupport.TIME));
        }
        for (int i = 0; i < 50; i++) {
            // a later delete of the same point: the upsert and the delete must both get their outcome
            changes.add(EntityChange.delete("d" + i, entity("doc", i, DIM, 1).id(), SinkTestSupport.TIME));
            DELETED_LATER.add(entity("doc", i, DIM, 1).id().canonical());
        }
        for (int i = 300; i < 310; i++) {
            SyncEntity bad = entity("doc", i, DIM - 1, 1);
            changes.add(EntityChange.upsert("bad" + i, bad, SinkTestSupport.TIME));
        }
        NOT_YET_IN_QDRANT.clear();

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        QdrantSink<EntityChange> sink = QdrantSink.<EntityChange>builder()
                .setConnectionConfig(connection)
                .setCollectionName(collection)
                .setPointConverter(new EntityChangePointConverter())
                .setBatchSize(32)
                .setMaxBufferedTime(Duration.ofMillis(50))
                .build();
        SingleOutputStreamOperator<String> outcomes = QdrantConfirmedWrites.apply(
                env.fromData(changes, SchemaTypes.ENTITY_CHANGE).keyBy(c -> c.recordId().canonical()),
                sink, new CheckingOutcomes(collection), Types.STRING);
        List<String> emitted = new ArrayList<>();
        List<String> deadLetters = new ArrayList<>();
        outcomes.getSideOutput(QdrantConfirmedWrites.DEAD_LETTERS).map(DeadLetter::recordId).returns(Types.STRING)
                .union(outcomes)
                .executeAndCollect("confirmed writes").forEachRemaining(s -> (s.startsWith("doc:") ? deadLetters : emitted).add(s));

        List<String> expected = new ArrayList<>();
        changes.forEach(c -> expected.add(c.requestId().startsWith("bad") ? "dead:" + c.requestId() : "written:" + c.requestId()));
        assertThat(emitted).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(deadLetters).hasSize(10).allSatisfy(id -> assertThat(id).matches("doc:30\\d"));
        assertThat(NOT_YET_IN_QDRANT).as("outcomes emitted before Qdrant held the write").isEmpty();
        Map<String, ?> points = pointsBySurrealId(connection, collection);
        assertThat(points).hasSize(250).doesNotContainKeys("doc:0", "doc:49", "doc:300");
    }

    /** Checks, when told a write is confirmed, that Qdrant already answers with its effect. */
    private static final class CheckingOutcomes implements QdrantWriteOutcomeMapper<EntityChange, String> {
        private static final long serialVersionUID = 1L;
        private final String collection;

        CheckingOutcomes(String collection) {
            this.collection = collection;
        }

        @Override
        public String written(EntityChange change, Instant confirmedAt) {
            if (!change.isDelete() && !DELETED_LATER.contains(change.recordId().canonical()) && !exists(change)) {
                NOT_YET_IN_QDRANT.add(change.requestId());
            }
            if (change.isDelete() && exists(change)) {
                NOT_YET_IN_QDRANT.add(change.requestId());
            }
            return "written:" + change.requestId();
        }

        @Override
        public String deadLettered(EntityChange change, DeadLetter deadLetter) {
            return "dead:" + change.requestId();
        }

        private boolean exists(EntityChange change) {
            try {
                return !lookup.client().retrieveAsync(collection,
                        List.of(PointIdFactory.id(PointIds.pointId(change.recordId()))), false, false, null).get().isEmpty();
            } catch (InterruptedException | ExecutionException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
