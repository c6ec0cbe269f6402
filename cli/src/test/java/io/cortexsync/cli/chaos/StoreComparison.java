package io.cortexsync.cli.chaos;

import io.cortexsync.cli.run.StoreStates;
import io.cortexsync.connector.qdrant.client.QdrantConnection;
import io.cortexsync.connector.surrealdb.client.SurrealClient;

import java.util.Map;

/**
 * Both stores at the end of a fault row: SurrealDB's records (id → the content hash their point
 * must carry) and how Qdrant's points compare with them.
 *
 * @param surreal SurrealDB's records that make an entity
 * @param present points with their record's content hash
 * @param wrong points with another hash
 * @param extra points without a record
 */
public record StoreComparison(Map<String, String> surreal, long present, long wrong, long extra) {

    public static StoreComparison of(SurrealClient client, QdrantConnection qdrant, String table, String collection, int dim)
            throws Exception {
        Map<String, String> records = StoreStates.surreal(client, table, "vector", dim);
        long[] compared = FaultRow.compare(records, StoreStates.qdrant(qdrant, collection));
        return new StoreComparison(records, compared[0], compared[1], compared[2]);
    }

    /** The row of a job that must leave Qdrant holding exactly SurrealDB's records. */
    public FaultRow row(String job, String fault, String outcome, long eventsLost, long eventsDuplicated, double recoverSeconds) {
        return row(job, fault, outcome, surreal.size(), surreal.size(), eventsLost, eventsDuplicated, recoverSeconds);
    }

    /** The row, with what SurrealDB must hold counted by the test ({@code expected}, {@code surrealPresent}). */
    public FaultRow row(String job, String fault, String outcome, long expected, long surrealPresent, long eventsLost,
            long eventsDuplicated, double recoverSeconds) {
        return new FaultRow(job, fault, outcome, expected, surrealPresent, present, wrong, extra, eventsLost, eventsDuplicated,
                recoverSeconds);
    }
}
