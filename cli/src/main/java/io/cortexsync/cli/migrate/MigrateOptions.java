package io.cortexsync.cli.migrate;

import io.cortexsync.cli.DistanceConverter;
import io.cortexsync.cli.InvalidOptionException;
import io.cortexsync.cli.options.JobRunOptions;
import io.cortexsync.cli.options.OptionChecks;
import io.cortexsync.cli.options.StoreOptions;
import io.cortexsync.connector.qdrant.QdrantOptions;
import io.cortexsync.connector.surrealdb.SurrealOptions;
import io.cortexsync.jobs.common.SyncJobOptions;
import io.cortexsync.jobs.migrate.MigrateJobOptions;

import org.apache.flink.configuration.Configuration;
import picocli.CommandLine.Mixin;
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
 * Every option of a migration, shared by {@code migrate} (local) and {@code submit migrate}
 * (cluster) as a picocli mixin: the stores and the run's options every job shares, and the
 * migration's own. {@link #validate()} names the option at fault; {@link #jobConfiguration(int)}
 * is what the job reads, under the connectors' keys.
 */
public final class MigrateOptions {

    @Mixin
    StoreOptions stores;

    @Option(names = "--table", paramLabel = "TABLE", split = ",", description = "SurrealDB table to migrate (required; repeat it or separate with commas for several).")
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

    @Option(names = "--bulk-load", negatable = true, defaultValue = "false", fallbackValue = "true", description = "Switch HNSW indexing off while loading an existing collection, and back on after. A collection the run creates is always bulk-loaded; an existing one keeps its index unless asked, since it may serve searches (default: ${DEFAULT-VALUE}).")
    boolean bulkLoad;

    @Option(names = "--dry-run", negatable = true, defaultValue = "false", fallbackValue = "true", description = "Read, convert and validate every record; write nothing to Qdrant; report what would be written and what would be dead-lettered.")
    boolean dryRun;

    @Option(names = "--verify", negatable = true, defaultValue = "false", fallbackValue = "true", description = "After the load, check every migrated record in Qdrant: present, with _content_hash equal to the hash of the source record.")
    boolean verify;

    @Mixin
    JobRunOptions run;

    /** Fails with a message naming the option when the options cannot make a migration. */
    public void validate() {
        stores.validate();
        if (tables.isEmpty()) {
            throw new InvalidOptionException("--table", "name at least one table to migrate");
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
        run.validate();
        if (run.resume() && dryRun) {
            throw new InvalidOptionException("--resume", "a dry run writes no checkpoints to resume from; drop --resume or --dry-run");
        }
    }

    /**
     * What the migration job reads: the connectors' keys, {@code sync.*}, {@code migrate.*} and
     * Flink's own, with {@code dimension} (the preflight's) as the collection's vector size.
     */
    public Configuration jobConfiguration(int dimension) {
        Configuration conf = new Configuration();
        stores.putInto(conf);
        conf.set(SurrealOptions.SOURCE_TABLES, tables());
        conf.set(SyncJobOptions.VECTOR_FIELD, vectorField);
        conf.set(QdrantOptions.COLLECTION, collection);
        conf.set(QdrantOptions.COLLECTION_VECTOR_SIZE, dimension);
        conf.set(QdrantOptions.COLLECTION_DISTANCE, distance.qdrant());
        conf.set(QdrantOptions.COLLECTION_BULK_LOAD, bulkLoad);
        conf.set(QdrantOptions.SINK_BATCH_SIZE, batchSize);
        conf.set(MigrateJobOptions.DRY_RUN, dryRun);
        conf.set(SyncJobOptions.DEAD_LETTER_DIR, run.deadLetterParts().toString());
        run.putInto(conf, checkpointUri(), !dryRun);
        return conf;
    }

    /**
     * The id of this migration: the same source tables and target collection give the same id,
     * so {@code --resume} finds the checkpoints of an earlier run.
     */
    public String migrationId() {
        String identity = stores.surrealUrl().replaceAll("/+$", "") + "|" + stores.surrealNs() + "|" + stores.surrealDb()
                + "|" + String.join(",", new TreeSet<>(tables)) + "|" + collection;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return collection.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "_") + "-"
                    + HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Where the checkpoints of this migration go: {@code <checkpoint-dir>/<migration-id>}. */
    public String checkpointUri() {
        return run.checkpointBaseUri() + "/" + migrationId();
    }

    public StoreOptions stores() {
        return stores;
    }

    public JobRunOptions run() {
        return run;
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

    public boolean bulkLoad() {
        return bulkLoad;
    }

    public boolean dryRun() {
        return dryRun;
    }

    public boolean verify() {
        return verify;
    }

    /** Options that differ only in what they say. */
    @Override
    public String toString() {
        return "migration " + migrationId() + ": " + String.join(",", tables) + " at " + stores.describe(collection);
    }
}
