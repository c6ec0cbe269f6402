package io.cortexsync.schema.model;

import io.cortexsync.schema.ids.RecordId;

import java.time.Instant;
import java.util.Objects;

/**
 * A request to change one record in both stores: upsert an entity, or delete a record by id. The
 * request id identifies the request end to end (it appears on the resulting {@link SyncEvent}s).
 */
public final class EntityChange {

    /** What the change does. */
    public enum Operation {
        UPSERT,
        DELETE
    }

    private final Operation operation;
    private final String requestId;
    private final Instant time;
    private final RecordId id;
    private final SyncEntity entity;
    private final Long deleteVersion;

    private EntityChange(
            Operation operation, String requestId, Instant time, RecordId id, SyncEntity entity, Long deleteVersion) {
        this.operation = operation;
        this.requestId = Checks.nonBlank(requestId, "requestId");
        this.time = Checks.required(time, "time");
        this.id = id;
        this.entity = entity;
        this.deleteVersion = deleteVersion;
    }

    /** Upsert {@code entity} into both stores. */
    public static EntityChange upsert(String requestId, SyncEntity entity, Instant time) {
        Checks.required(entity, "entity");
        return new EntityChange(Operation.UPSERT, requestId, time, entity.id(), entity, null);
    }

    /** Delete the record {@code id} from both stores, whatever version they hold. */
    public static EntityChange delete(String requestId, RecordId id, Instant time) {
        return delete(requestId, id, null, time);
    }

    /**
     * Delete the record {@code id} from both stores as of {@code version} (null: unversioned): a
     * version guard keeps the record when it holds a newer version, and refuses older changes
     * that arrive after the delete.
     */
    public static EntityChange delete(String requestId, RecordId id, Long version, Instant time) {
        return new EntityChange(Operation.DELETE, requestId, time, Checks.required(id, "id"), null, version);
    }

    public Operation operation() {
        return operation;
    }

    public String requestId() {
        return requestId;
    }

    /** When the change was requested. */
    public Instant time() {
        return time;
    }

    /** The record changed, for both operations. */
    public RecordId recordId() {
        return id;
    }

    public String table() {
        return id.table();
    }

    /**
     * The entity to upsert.
     *
     * @throws IllegalStateException for a {@link Operation#DELETE}, which carries no entity
     */
    public SyncEntity entity() {
        if (entity == null) {
            throw new IllegalStateException("a DELETE of " + id + " carries no entity");
        }
        return entity;
    }

    /** The version the change carries: its entity's for an UPSERT, its own for a DELETE; null if none. */
    public Long version() {
        return entity != null ? entity.version() : deleteVersion;
    }

    public boolean isDelete() {
        return operation == Operation.DELETE;
    }

    @Override
    public boolean equals(Object o) {
        return this == o
                || o instanceof EntityChange that
                        && operation == that.operation
                        && requestId.equals(that.requestId)
                        && time.equals(that.time)
                        && id.equals(that.id)
                        && Objects.equals(entity, that.entity)
                        && Objects.equals(deleteVersion, that.deleteVersion);
    }

    @Override
    public int hashCode() {
        return Objects.hash(operation, requestId, time, id, entity, deleteVersion);
    }

    @Override
    public String toString() {
        return "EntityChange{"
                + operation
                + ", requestId="
                + requestId
                + ", time="
                + time
                + (entity == null ? ", id=" + id + (deleteVersion == null ? "" : ", version=" + deleteVersion) : ", entity=" + entity)
                + '}';
    }
}
