package io.cortexsync.cli.options;

import io.cortexsync.cli.DistanceConverter;
import io.cortexsync.cli.InvalidOptionException;
import io.cortexsync.cli.migrate.VectorDistance;
import io.cortexsync.connector.qdrant.QdrantOptions;
import io.cortexsync.connector.surrealdb.SurrealOptions;
import io.cortexsync.jobs.common.SyncJobOptions;

import org.apache.flink.configuration.Configuration;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * What a job keeps in step, shared by every job's command as a picocli mixin: the SurrealDB tables,
 * the Qdrant collection, the vector field and size, the distance of a new collection and the
 * sink's batch size. {@link #validate()} names the option at fault.
 */
public final class SyncTargetOptions {

    @Option(names = "--table", paramLabel = "TABLE", split = ",", description = "SurrealDB table to sync (required; repeat it or separate with commas for several).")
    List<String> tables = new ArrayList<>();

    @Option(names = "--collection", paramLabel = "NAME", description = "Qdrant collection to write (required); created when missing.")
    String collection;

    @Option(names = "--vector-field", paramLabel = "FIELD", defaultValue = "vector", description = "Record field holding the vector (default: ${DEFAULT-VALUE}).")
    String vectorField;

    @Option(names = "--dim", paramLabel = "N", defaultValue = "0", description = "Vector dimension; records of another dimension are dead-lettered (default: that of the first records, the most common length among the first 50).")
    int dim;

    @Option(names = "--distance", paramLabel = "DISTANCE", defaultValue = "cosine", converter = DistanceConverter.class, description = "Distance of a new collection: cosine, dot, euclid or manhattan (default: ${DEFAULT-VALUE}).")
    VectorDistance distance;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "1024", description = "Points per Qdrant upsert request, at most: the sink starts there and lowers it while Qdrant answers slowly (default: ${DEFAULT-VALUE}).")
    int batchSize;

    /** Fails with a message naming the option when these values cannot name what to sync. */
    public void validate() {
        if (tables.isEmpty()) {
            throw new InvalidOptionException("--table", "name at least one table");
        }
        for (String table : tables) {
            OptionChecks.matches(table, OptionChecks.IDENTIFIER, "--table", "a table name (letters, digits, _)");
        }
        OptionChecks.matches(collection, OptionChecks.COLLECTION_NAME, "--collection", "a collection name (letters, digits, _ . -)");
        OptionChecks.matches(vectorField, OptionChecks.IDENTIFIER, "--vector-field", "a field name");
        if (dim < 0 || dim > 65536) {
            throw new InvalidOptionException("--dim", dim + " is out of range (1..65536, or 0 for the first record's)");
        }
        OptionChecks.inRange(batchSize, 1, 100_000, "--batch-size");
    }

    /** Adds the connectors' keys of these options, with {@code dimension} (the preflight's) as the vector size. */
    public void putInto(Configuration conf, int dimension) {
        conf.set(SurrealOptions.SOURCE_TABLES, tables());
        conf.set(SyncJobOptions.VECTOR_FIELD, vectorField);
        conf.set(QdrantOptions.COLLECTION, collection);
        conf.set(QdrantOptions.COLLECTION_VECTOR_SIZE, dimension);
        conf.set(QdrantOptions.COLLECTION_DISTANCE, distance.qdrant());
        conf.set(QdrantOptions.SINK_BATCH_SIZE, batchSize);
    }

    /**
     * The id of a sync of these tables into this collection from {@code stores}: the same source
     * and target give the same id, so {@code --resume} finds the checkpoints of an earlier run.
     * Jobs other than the migration put their name in front ({@code job}, or empty).
     */
    public String syncId(StoreOptions stores, String job) {
        String identity = stores.surrealUrl().replaceAll("/+$", "") + "|" + stores.surrealNs() + "|" + stores.surrealDb()
                + "|" + String.join(",", new TreeSet<>(tables)) + "|" + collection;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return (job.isEmpty() ? "" : job + "-") + collection.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "_")
                    + "-" + HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<String> tables() {
        return List.copyOf(tables);
    }

    public String collection() {
        return collection;
    }

    public String vectorField() {
        return vectorField;
    }

    /** The configured dimension, 0 when it comes from the first record. */
    public int dim() {
        return dim;
    }

    public VectorDistance distance() {
        return distance;
    }

    public int batchSize() {
        return batchSize;
    }
}
