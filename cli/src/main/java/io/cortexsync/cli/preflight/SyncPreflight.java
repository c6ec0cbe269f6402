package io.cortexsync.cli.preflight;

import io.cortexsync.cli.options.StoreOptions;
import io.cortexsync.cli.options.SyncTargetOptions;
import io.cortexsync.connector.qdrant.admin.CollectionDescription;
import io.cortexsync.connector.qdrant.admin.QdrantAdminException;
import io.cortexsync.connector.qdrant.admin.QdrantCollectionAdmin;
import io.cortexsync.connector.qdrant.client.QdrantConnection;
import io.cortexsync.connector.surrealdb.admin.SurrealAdmin;
import io.cortexsync.connector.surrealdb.client.SurrealAuthenticationException;
import io.cortexsync.connector.surrealdb.client.SurrealClient;
import io.cortexsync.connector.surrealdb.client.SurrealException;
import io.cortexsync.connector.surrealdb.client.SurrealHttpException;
import io.cortexsync.connector.surrealdb.client.SurrealTransportException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks what every job needs of both stores before it starts, and fails at once with one line naming
 * the problem: SurrealDB unreachable or refusing the credentials, an unknown table, Qdrant
 * unreachable or refusing the API key, an existing collection of another size or distance, no way
 * to tell the dimension. Reads only; creates nothing.
 */
public final class SyncPreflight {

    /** Records looked at for the dimension when {@code --dim} is not given. */
    private static final int DIMENSION_PROBE = 50;

    private final StoreOptions stores;
    private final SyncTargetOptions options;
    private final boolean tablesMayBeMissing;

    public SyncPreflight(StoreOptions stores, SyncTargetOptions target) {
        this(stores, target, false);
    }

    /**
     * With {@code tablesMayBeMissing}, for a job that writes the tables (dual-write): a table
     * not there yet is no error and counts no records.
     */
    public SyncPreflight(StoreOptions stores, SyncTargetOptions target, boolean tablesMayBeMissing) {
        this.stores = stores;
        this.options = target;
        this.tablesMayBeMissing = tablesMayBeMissing;
    }

    /** Runs every check; throws {@link PreflightException} on the first problem. */
    public PreflightResult run() {
        Map<String, Long> counts;
        int recordDimension;
        try (SurrealClient client = SurrealClient.create(stores.surrealConnection())) {
            SurrealAdmin surreal = new SurrealAdmin(client);
            List<String> tables = checkTables(surreal);
            counts = countRecords(surreal, tables);
            recordDimension = options.dim() > 0 ? options.dim() : firstDimension(surreal, tables);
        } catch (SurrealAuthenticationException e) {
            throw new PreflightException("SurrealDB at " + stores.surrealUrl() + " refused the credentials"
                    + (stores.surrealUser() != null ? " of user '" + stores.surrealUser() + "'" : "")
                    + " (--surreal-user/--surreal-pass): " + e.serverMessage(), e);
        } catch (SurrealTransportException e) {
            throw new PreflightException("SurrealDB at " + stores.surrealUrl() + " is unreachable (--surreal-url): " + e.getMessage(), e);
        } catch (SurrealHttpException e) {
            throw new PreflightException("SurrealDB at " + stores.surrealUrl() + " answered " + e.getMessage() + " (--surreal-url)", e);
        } catch (SurrealException e) {
            throw new PreflightException("SurrealDB at " + stores.surrealUrl() + " (" + stores.surrealNs() + "/"
                    + stores.surrealDb() + "): " + e.getMessage(), e);
        }
        try (QdrantConnection qdrant = QdrantConnection.open(stores.qdrantConnection())) {
            Integer existingSize = checkCollection(new QdrantCollectionAdmin(qdrant), recordDimension);
            int dimension = recordDimension > 0 ? recordDimension : existingSize != null ? existingSize : 0;
            if (dimension <= 0) {
                throw new PreflightException("--dim: no record of " + options.tables() + " has a vector in field '"
                        + options.vectorField() + "' and the collection does not exist; give --dim");
            }
            return new PreflightResult(counts, dimension, existingSize != null);
        }
    }

    /** The tables of the options that exist. */
    private List<String> checkTables(SurrealAdmin surreal) {
        List<String> existing;
        try {
            existing = surreal.tables();
        } catch (IllegalStateException e) {
            throw new PreflightException("SurrealDB " + stores.surrealNs() + "/" + stores.surrealDb()
                    + " does not describe its tables (--surreal-ns/--surreal-db)", e);
        }
        List<String> present = new ArrayList<>();
        for (String table : options.tables()) {
            if (existing.contains(table)) {
                present.add(table);
            } else if (!tablesMayBeMissing) {
                throw new PreflightException("unknown table '" + table + "' in SurrealDB " + stores.surrealNs() + "/"
                        + stores.surrealDb() + " (--table); tables there: "
                        + (existing.isEmpty() ? "none" : String.join(", ", existing)));
            }
        }
        return present;
    }

    private Map<String, Long> countRecords(SurrealAdmin surreal, List<String> tables) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : tables) {
            counts.put(table, surreal.count(table));
        }
        return counts;
    }

    /**
     * The most common length among the vectors of the first records of the first table that has
     * any (so that one broken record among them does not decide it); 0 when none has a vector.
     */
    private int firstDimension(SurrealAdmin surreal, List<String> tables) {
        for (String table : tables) {
            Optional<Integer> length = surreal.commonVectorLength(table, options.vectorField(), DIMENSION_PROBE);
            if (length.isPresent()) {
                return length.get();
            }
        }
        return 0;
    }

    /** The existing collection's size after checking it matches, or null when there is none. */
    private Integer checkCollection(QdrantCollectionAdmin qdrant, int dimension) {
        String name = options.collection();
        Optional<CollectionDescription> described;
        try {
            described = qdrant.describe(name);
        } catch (QdrantAdminException e) {
            throw failure(e);
        }
        if (described.isEmpty()) {
            return null;
        }
        CollectionDescription collection = described.get();
        if (!collection.hasUnnamedVector()) {
            throw new PreflightException("collection '" + name + "' exists with named vectors; cortex-sync writes one unnamed vector (--collection)");
        }
        int size = collection.vectorSize().getAsInt();
        boolean sizeDiffers = dimension > 0 && size != dimension;
        boolean distanceDiffers = collection.distance() != options.distance().qdrant();
        if (sizeDiffers || distanceDiffers) {
            throw new PreflightException("collection '" + name + "' exists with size " + size + " and distance "
                    + collection.distance() + "; this sync needs size " + (dimension > 0 ? dimension : size)
                    + (options.dim() > 0 ? " (--dim)" : " (the records' dimension)") + " and distance "
                    + options.distance().qdrant() + " (--distance)");
        }
        return size;
    }

    /** A Qdrant failure as one line naming the option to fix. */
    private PreflightException failure(QdrantAdminException e) {
        String where = stores.qdrantHost() + ":" + stores.qdrantPort();
        switch (e.kind()) {
            case UNREACHABLE:
                return new PreflightException("Qdrant at " + where + " is unreachable (--qdrant-host/--qdrant-port): " + e.getMessage(), e);
            case UNAUTHENTICATED:
                return new PreflightException("Qdrant at " + where + " refused the API key (--qdrant-api-key): " + e.code(), e);
            default:
                return new PreflightException("Qdrant at " + where + " failed: " + e.getMessage(), e);
        }
    }
}
