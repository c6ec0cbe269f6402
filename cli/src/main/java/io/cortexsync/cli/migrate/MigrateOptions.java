package io.cortexsync.cli.migrate;

import io.cortexsync.cli.InvalidOptionException;
import io.cortexsync.cli.options.JobRunOptions;
import io.cortexsync.cli.options.StoreOptions;
import io.cortexsync.cli.options.SyncTargetOptions;
import io.cortexsync.connector.qdrant.QdrantOptions;
import io.cortexsync.jobs.common.SyncJobOptions;
import io.cortexsync.jobs.migrate.MigrateJobOptions;

import org.apache.flink.configuration.Configuration;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;

/**
 * Every option of a migration, shared by {@code migrate} (local) and {@code submit migrate}
 * (cluster) as a picocli mixin: the stores and the run's options every job shares, and the
 * migration's own. {@link #validate()} names the option at fault; {@link #jobConfiguration(int)}
 * is what the job reads, under the connectors' keys.
 */
public final class MigrateOptions {

    @Mixin
    StoreOptions stores;

    @Mixin
    SyncTargetOptions target;

    @Option(names = "--bulk-load", negatable = true, defaultValue = "false", fallbackValue = "true", description = "Switch HNSW indexing off while loading an existing collection, and back on after. A collection the run creates is always bulk-loaded; an existing one keeps its index unless asked, since it may serve searches (default: ${DEFAULT-VALUE}).")
    boolean bulkLoad;

    @Option(names = "--dry-run", negatable = true, defaultValue = "false", fallbackValue = "true", description = "Read, convert and validate every record; write nothing to Qdrant; report what would be written and what would be dead-lettered.")
    boolean dryRun;

    @Option(names = "--verify", negatable = true, defaultValue = "false", fallbackValue = "true", description = "After the load, check every migrated record in Qdrant: present, with _content_hash equal to the hash of the source record.")
    boolean verify;

    @Option(names = "--timings", negatable = true, defaultValue = "false", fallbackValue = "true", description = "Also print where the run's time went: start-up, preflight, collection setup, job start, snapshot, bulk-load end, dead letters, verification (the report's timingsMs holds them always).")
    boolean timings;

    @Mixin
    JobRunOptions run;

    /** Fails with a message naming the option when the options cannot make a migration. */
    public void validate() {
        stores.validate();
        target.validate();
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
        target.putInto(conf, dimension);
        conf.set(QdrantOptions.COLLECTION_BULK_LOAD, bulkLoad);
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
        return target.syncId(stores, "");
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

    public SyncTargetOptions target() {
        return target;
    }

    public List<String> tables() {
        return target.tables();
    }

    public String collection() {
        return target.collection();
    }

    public String vectorField() {
        return target.vectorField();
    }

    /** The configured dimension, 0 when it comes from the first record. */
    public int dim() {
        return target.dim();
    }

    public VectorDistance distance() {
        return target.distance();
    }

    public int batchSize() {
        return target.batchSize();
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

    public boolean timings() {
        return timings;
    }

    /** Options that differ only in what they say. */
    @Override
    public String toString() {
        return "migration " + migrationId() + ": " + String.join(",", tables()) + " at " + stores.describe(collection());
    }
}
