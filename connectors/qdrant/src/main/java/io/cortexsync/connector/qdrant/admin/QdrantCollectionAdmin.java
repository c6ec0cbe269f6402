package io.cortexsync.connector.qdrant.admin;

import io.cortexsync.connector.qdrant.QdrantOptions;
import io.cortexsync.connector.qdrant.client.QdrantConnection;
import io.cortexsync.schema.model.PayloadFields;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.qdrant.client.ConditionFactory;
import io.qdrant.client.grpc.Collections.CollectionInfo;
import io.qdrant.client.grpc.Common.DatetimeRange;
import io.qdrant.client.grpc.Common.Filter;
import com.google.protobuf.Timestamp;
import io.qdrant.client.grpc.Collections.CreateCollection;
import io.qdrant.client.grpc.Collections.HnswConfigDiff;
import io.qdrant.client.grpc.Collections.PayloadSchemaInfo;
import io.qdrant.client.grpc.Collections.PayloadSchemaType;
import io.qdrant.client.grpc.Collections.UpdateCollection;
import io.qdrant.client.grpc.Collections.VectorParams;
import io.qdrant.client.grpc.Collections.VectorsConfig;
import io.qdrant.client.grpc.JsonWithInt.NullValue;
import io.qdrant.client.grpc.JsonWithInt.Value;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.apache.flink.annotation.PublicEvolving;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Creates and checks the collection a job writes to, indexes {@code _table}, and switches HNSW
 * indexing off for a bulk load and back on after it. Every call waits for Qdrant's answer.
 *
 * <p>A bulk load records the HNSW {@code m} it replaced in the collection's metadata, so a load
 * that crashed and is started again still restores the collection's own value, not the 0 it
 * finds.
 */
@PublicEvolving
public final class QdrantCollectionAdmin {

    private static final Logger LOG = LoggerFactory.getLogger(QdrantCollectionAdmin.class);

    /** Collection metadata key holding the HNSW {@code m} a running bulk load will restore. */
    public static final String BULK_LOAD_METADATA_KEY = "cortexsync_bulk_load_previous_hnsw_m";

    /** HNSW m when a collection reports none: Qdrant's default. */
    private static final long DEFAULT_HNSW_M = 16;

    private final QdrantConnection connection;

    public QdrantCollectionAdmin(QdrantConnection connection) {
        this.connection = connection;
    }

    public boolean exists(String name) {
        return call("check whether collection '" + name + "' exists", connection.client().collectionExistsAsync(name));
    }

    /** The size of the collection's unnamed vector; empty when the collection does not exist. */
    public OptionalInt vectorSize(String name) {
        Optional<CollectionDescription> description = describe(name);
        if (description.isEmpty()) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(unnamedVectorSize(description.get()));
    }

    /**
     * What the collection is, without creating or changing anything; empty when it does not
     * exist. The one place that reads a collection's vector configuration.
     *
     * @throws QdrantAdminException when Qdrant cannot be asked; its {@link QdrantAdminException#kind}
     *     tells an unreachable server from a refused API key
     */
    public Optional<CollectionDescription> describe(String name) {
        if (!exists(name)) {
            return Optional.empty();
        }
        return Optional.of(describe(name, info(name)));
    }

    private static CollectionDescription describe(String name, CollectionInfo info) {
        VectorsConfig vectors = info.getConfig().getParams().getVectorsConfig();
        HnswConfigDiff hnsw = info.getConfig().getHnswConfig();
        long m = hnsw.hasM() ? hnsw.getM() : DEFAULT_HNSW_M;
        if (vectors.getConfigCase() == VectorsConfig.ConfigCase.PARAMS) {
            VectorParams params = vectors.getParams();
            return new CollectionDescription(name, OptionalInt.of((int) params.getSize()), params.getDistance(),
                    params.getOnDisk(), Set.of(), m, info.getPointsCount());
        }
        return new CollectionDescription(name, OptionalInt.empty(), null, false,
                vectors.getParamsMap().getMapMap().keySet(), m, info.getPointsCount());
    }

    /**
     * Creates the collection when it is missing, otherwise checks that its vector size and
     * distance are the configured ones; then makes sure {@code _table} has a keyword index.
     *
     * @return whether the collection was created by this call
     * @throws CollectionMismatchException when the existing collection has another size,
     *     distance or no unnamed vector
     */
    public boolean ensureCollection(CollectionSpec spec) {
        return ensure(spec).created();
    }

    /** What {@link #ensure} found: whether it created the collection, and the collection's info then. */
    private record Ensured(boolean created, CollectionInfo info) {}

    private Ensured ensure(CollectionSpec spec) {
        boolean created = !exists(spec.name()) && create(spec);
        CollectionInfo info = info(spec.name());
        if (!created) {
            check(spec, info);
        }
        ensureTableIndex(spec.name(), info);
        return new Ensured(created, info);
    }

    /**
     * Makes the collection ready for a load ({@link #ensureCollection}) and begins a bulk load
     * (indexing off) only where that cannot degrade searches: the collection was just created, or
     * an earlier load left it with indexing off (its client was killed before {@link #finishLoad}),
     * or {@code bulkLoadExisting} asks for it ({@code qdrant.collection.bulk-load}). An existing
     * collection may be serving searches, and keeps its index otherwise.
     */
    public PreparedLoad prepareLoad(CollectionSpec spec, boolean bulkLoadExisting) {
        Ensured ensured = ensure(spec);
        boolean created = ensured.created();
        String decision;
        if (created) {
            decision = "on: this run created the collection";
        } else if (bulkLoadExisting) {
            decision = "on: asked with " + QdrantOptions.COLLECTION_BULK_LOAD.key();
        } else if (describe(spec.name(), ensured.info()).indexingOff()) {
            decision = "on: an unfinished bulk load of an earlier run is finished";
        } else {
            return new PreparedLoad(spec.name(), false, Optional.empty(),
                    "off: the collection existed and may serve searches (" + QdrantOptions.COLLECTION_BULK_LOAD.key()
                            + " turns indexing off while loading)");
        }
        return new PreparedLoad(spec.name(), created, Optional.of(beginBulkLoad(spec.name())), decision);
    }

    /** Ends the bulk load {@link #prepareLoad} began, if it began one: Qdrant builds the index once. */
    public void finishLoad(PreparedLoad load) {
        load.bulkLoad().ifPresent(bulkLoad -> endBulkLoad(load.collection(), bulkLoad));
    }

    /**
     * Sets the collection's HNSW {@code m} to 0, so points are stored without building the graph
     * while they are loaded.
     *
     * @return what {@link #endBulkLoad} restores
     */
    public BulkLoad beginBulkLoad(String name) {
        CollectionInfo info = info(name);
        Value recorded = info.getConfig().getMetadataMap().get(BULK_LOAD_METADATA_KEY);
        long previous;
        if (recorded != null && recorded.hasIntegerValue()) {
            previous = recorded.getIntegerValue();
            LOG.info("Collection '{}' is still in an unfinished bulk load; HNSW m {} will be restored", name, previous);
        } else {
            HnswConfigDiff hnsw = info.getConfig().getHnswConfig();
            previous = hnsw.hasM() ? hnsw.getM() : DEFAULT_HNSW_M;
        }
        update(name, "begin a bulk load", UpdateCollection.newBuilder()
                .setCollectionName(name)
                .setHnswConfig(HnswConfigDiff.newBuilder().setM(0))
                .putMetadata(BULK_LOAD_METADATA_KEY, Value.newBuilder().setIntegerValue(previous).build()));
        LOG.info("Collection '{}': HNSW m set to 0 for a bulk load (was {})", name, previous);
        return new BulkLoad(name, previous);
    }

    /** Puts back the HNSW {@code m} that {@link #beginBulkLoad} replaced; Qdrant then builds the index. */
    public void endBulkLoad(String name, BulkLoad bulkLoad) {
        if (!bulkLoad.collection().equals(name)) {
            throw new IllegalArgumentException(bulkLoad + " does not belong to collection '" + name + "'");
        }
        update(name, "end a bulk load", UpdateCollection.newBuilder()
                .setCollectionName(name)
                .setHnswConfig(HnswConfigDiff.newBuilder().setM(bulkLoad.previousHnswM()))
                .putMetadata(BULK_LOAD_METADATA_KEY, Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build()));
        LOG.info("Collection '{}': HNSW m restored to {} after the bulk load", name, bulkLoad.previousHnswM());
    }

    /** Creates the collection; false when another writer created it first. */
    private boolean create(CollectionSpec spec) {
        VectorParams.Builder vector = VectorParams.newBuilder().setSize(spec.vectorSize()).setDistance(spec.distance());
        if (spec.onDiskVectors()) {
            vector.setOnDisk(true);
        }
        CreateCollection request = CreateCollection.newBuilder()
                .setCollectionName(spec.name())
                .setVectorsConfig(VectorsConfig.newBuilder().setParams(vector))
                .build();
        try {
            call("create " + spec, connection.client().createCollectionAsync(request));
            LOG.info("Created Qdrant {}", spec);
            return true;
        } catch (QdrantAdminException e) {
            if (e.code() == Status.Code.ALREADY_EXISTS) {
                return false;
            }
            throw e;
        }
    }

    private static void check(CollectionSpec spec, CollectionInfo info) {
        CollectionDescription existing = describe(spec.name(), info);
        int size = unnamedVectorSize(existing);
        if (size != spec.vectorSize()) {
            throw new CollectionMismatchException("Qdrant collection '" + spec.name() + "' has vector size "
                    + size + " but the configuration (qdrant.collection.vector-size) says "
                    + spec.vectorSize());
        }
        if (existing.distance() != spec.distance()) {
            throw new CollectionMismatchException("Qdrant collection '" + spec.name() + "' has distance "
                    + existing.distance() + " but the configuration (qdrant.collection.distance) says "
                    + spec.distance());
        }
        if (existing.onDiskVectors() != spec.onDiskVectors()) {
            LOG.warn("Qdrant collection '{}' keeps its vectors {} but qdrant.collection.on-disk is {}; left as it is",
                    spec.name(), existing.onDiskVectors() ? "on disk" : "in memory", spec.onDiskVectors());
        }
    }

    private static int unnamedVectorSize(CollectionDescription description) {
        if (!description.hasUnnamedVector()) {
            throw new CollectionMismatchException("Qdrant collection '" + description.name() + "' has named vectors "
                    + description.namedVectors() + " but cortex-sync writes one unnamed vector per point");
        }
        return description.vectorSize().getAsInt();
    }

    /**
     * Deletes the points of {@code table} whose {@code _synced_at} is before {@code before}: after
     * a snapshot that began at {@code before} rewrote every record that exists, what is older
     * belongs to records deleted meanwhile. Returns how many points it deleted.
     */
    public long deleteSyncedBefore(String collection, String table, Instant before) {
        Filter filter = Filter.newBuilder()
                .addMust(ConditionFactory.matchKeyword(PayloadFields.TABLE, table))
                .addMust(ConditionFactory.datetimeRange(PayloadFields.SYNCED_AT, DatetimeRange.newBuilder()
                        .setLt(Timestamp.newBuilder().setSeconds(before.getEpochSecond()).setNanos(before.getNano()))
                        .build()))
                .build();
        String what = "delete the points of table '" + table + "' synced before " + before;
        long stale = call(what + " (count)", connection.client().countAsync(collection, filter, true));
        if (stale > 0) {
            call(what + " in collection '" + collection + "'", connection.client().deleteAsync(collection, filter));
        }
        return stale;
    }

    private void ensureTableIndex(String name, CollectionInfo info) {
        PayloadSchemaInfo index = info.getPayloadSchemaMap().get(PayloadFields.TABLE);
        if (index != null) {
            if (index.getDataType() != PayloadSchemaType.Keyword) {
                LOG.warn("Qdrant collection '{}' indexes {} as {}, not as a keyword; left as it is",
                        name, PayloadFields.TABLE, index.getDataType());
            }
            return;
        }
        call("index " + PayloadFields.TABLE + " of collection '" + name + "'",
                connection.client().createPayloadIndexAsync(
                        name, PayloadFields.TABLE, PayloadSchemaType.Keyword, null, true, null, null));
    }

    private CollectionInfo info(String name) {
        return call("read the info of collection '" + name + "'", connection.client().getCollectionInfoAsync(name));
    }

    private void update(String name, String what, UpdateCollection.Builder request) {
        call(what + " on collection '" + name + "'", connection.client().updateCollectionAsync(request.build()));
    }

    /** Waits for a call; its deadline is the connection's request timeout. */
    private static <T> T call(String what, Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new QdrantAdminException("Interrupted while trying to " + what, Status.Code.CANCELLED, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            Status.Code code = cause instanceof StatusRuntimeException
                    ? ((StatusRuntimeException) cause).getStatus().getCode()
                    : Status.Code.UNKNOWN;
            throw new QdrantAdminException("Could not " + what + ": " + cause.getMessage(), code, cause);
        }
    }
}
