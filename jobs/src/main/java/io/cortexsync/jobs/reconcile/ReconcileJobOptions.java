package io.cortexsync.jobs.reconcile;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

import java.time.Duration;

/** Options of the reconciliation job beside the connectors' own and {@code sync.*}. */
public final class ReconcileJobOptions {

    /** Partitions of the point-id space: the unit of keyed work and of the Merkle trees. */
    public static final ConfigOption<Integer> PARTITIONS =
            ConfigOptions.key("reconcile.partitions")
                    .intType()
                    .defaultValue(256)
                    .withDescription("Partitions of the point-id space (a power of two, 1 to 65536): the leading bits "
                            + "of a point id; each partition is a Merkle tree and one Qdrant scroll range.");

    /** Leaves in all partitions together: the unit a Merkle walk descends to. */
    public static final ConfigOption<Integer> LEAVES =
            ConfigOptions.key("reconcile.leaves")
                    .intType()
                    .defaultValue(1 << 16)
                    .withDescription("Leaves in all (a power of two, at least the partitions, at most 2^24): the bits "
                            + "after the partition's; a difference is looked for only in the leaves whose digests differ.");

    /** Whether found differences are repaired. */
    public static final ConfigOption<Boolean> REPAIR =
            ConfigOptions.key("reconcile.repair")
                    .booleanType()
                    .defaultValue(false)
                    .withDescription("Repair each difference found (re-read, re-check, then upsert or delete the point); "
                            + "false: a dry run, the repair records carry action NONE and nothing is written.");

    /** Where the subtasks write the repair records as part files for the report. */
    public static final ConfigOption<String> FINDINGS_DIR =
            ConfigOptions.key("reconcile.findings.dir")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("Directory of the repair-record part files (JSON lines), one per subtask; the "
                            + "command line merges them into the report.");

    /** Whether the job runs until stopped, following the change feed and rescanning Qdrant. */
    public static final ConfigOption<Boolean> CONTINUOUS =
            ConfigOptions.key("reconcile.continuous")
                    .booleanType()
                    .defaultValue(false)
                    .withDescription("Run until stopped: the SurrealDB side kept current from the change feed (no rescan "
                            + "of SurrealDB), Qdrant's partitions rescanned round-robin over reconcile.cycle; false: "
                            + "compare once and end.");

    /** How long one round of rescans of every Qdrant partition takes. */
    public static final ConfigOption<Duration> CYCLE =
            ConfigOptions.key("reconcile.cycle")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(10))
                    .withDescription("With reconcile.continuous: every partition of Qdrant is rescanned once per cycle, "
                            + "the partitions spread evenly over it.");

    /** How long a difference must last before it is reported. */
    public static final ConfigOption<Duration> GRACE =
            ConfigOptions.key("reconcile.grace")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(30))
                    .withDescription("With reconcile.continuous: a difference found by a rescan is checked again this "
                            + "long after, and reported only if it is still there (changes in flight through a sync are "
                            + "not drift).");

    /** Whether vectors are compared too, not only content hashes. */
    public static final ConfigOption<Boolean> DEEP =
            ConfigOptions.key("reconcile.deep")
                    .booleanType()
                    .defaultValue(false)
                    .withDescription("Also read the points' vectors and compare each with its record's (as Qdrant "
                            + "stores it: normalized for Cosine), so a vector changed in Qdrant with its payload "
                            + "intact is a MISMATCH.");

    /** How far a stored vector may be from its record's, per component. */
    public static final ConfigOption<Double> TOLERANCE =
            ConfigOptions.key("reconcile.tolerance")
                    .doubleType()
                    .defaultValue(1e-6)
                    .withDescription("With reconcile.deep: the largest difference of a vector component that still "
                            + "counts as equal (float32 rounding of the normalization stays far below 1e-6).");

    /** The share of partitions compared; the rest are skipped. */
    public static final ConfigOption<Double> SAMPLE_RATE =
            ConfigOptions.key("reconcile.sample-rate")
                    .doubleType()
                    .defaultValue(1.0)
                    .withDescription("The share of partitions compared (0 < rate <= 1), chosen at random by "
                            + "reconcile.sample-seed; 1: all. The report bounds the share of differing entities.");

    /** What chooses the sampled partitions; the same seed chooses the same ones. */
    public static final ConfigOption<Long> SAMPLE_SEED =
            ConfigOptions.key("reconcile.sample-seed")
                    .longType()
                    .defaultValue(0L)
                    .withDescription("The seed that chooses the sampled partitions; a resumed run must keep it.");

    /** How often the SurrealDB side's id filter may say "present" for an absent point. */
    public static final ConfigOption<Double> BLOOM_FALSE_POSITIVE_RATE =
            ConfigOptions.key("reconcile.bloom-false-positive-rate")
                    .doubleType()
                    .defaultValue(0.01)
                    .withDescription("With reconcile.continuous: the false-positive rate of each partition's Bloom "
                            + "filter of SurrealDB point ids (0 < rate < 1). A point the filter calls absent is an "
                            + "orphan without a read of the SurrealDB side; a false positive costs that read.");

    private ReconcileJobOptions() {}
}
