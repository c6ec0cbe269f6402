package io.cortexsync.testkit.qdrant;

import io.grpc.StatusRuntimeException;
import io.qdrant.client.grpc.Points.UpdateResult;
import io.qdrant.client.grpc.Points.UpdateStatus;

/**
 * Runs an accepted update the way Qdrant reports it. Without {@code wait}, Qdrant acknowledges an
 * update once it is in its write-ahead log and applies it later, so errors found while applying
 * (a missing point for SetPayload, an unknown vector name) never reach the caller; with
 * {@code wait} they do, and the status is Completed.
 */
final class UpdateRunner {

    private UpdateRunner() {}

    static UpdateResult run(StoredCollection collection, boolean wait, Runnable apply) {
        long operationId = collection.nextOperationId();
        try {
            apply.run();
        } catch (StatusRuntimeException e) {
            if (wait) {
                throw e;
            }
        }
        return UpdateResult.newBuilder()
                .setOperationId(operationId)
                .setStatus(wait ? UpdateStatus.Completed : UpdateStatus.Acknowledged)
                .build();
    }
}
