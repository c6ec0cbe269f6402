package io.cortexsync.cli.reconcile;

import io.cortexsync.cli.DurationConverter;
import io.cortexsync.cli.InvalidOptionException;
import io.cortexsync.cli.options.KafkaOptions;
import io.cortexsync.cli.options.OptionChecks;
import io.cortexsync.cli.options.StreamingSyncOptions;
import io.cortexsync.jobs.events.EventOptions;
import io.cortexsync.jobs.reconcile.ReconcileJobOptions;
import io.cortexsync.jobs.reconcile.ReconcileSettings;

import org.apache.flink.configuration.Configuration;

import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;

/**
 * Every option of a reconciliation as a picocli mixin: the stores, the tables and collection to
 * compare, how a job runs (the mixins every job shares), the Kafka topics of its repair records
 * and events, and its own: repair or not, partitions and leaves. {@link #jobConfiguration(int)}
 * is what the job reads.
 */
public final class ReconcileOptions extends StreamingSyncOptions {

    @Option(names = "--once", description = "Compare both stores once, report and end: a bounded job (the default).")
    Boolean once;

    @Option(names = "--continuous", description = "Run until stopped (Ctrl-C stops it with a savepoint): the SurrealDB side kept current from the change feed, every Qdrant partition rescanned once per --cycle; a difference is reported once it outlives --grace.")
    boolean continuous;

    @Option(names = "--cycle", paramLabel = "DURATION", defaultValue = "10min", converter = DurationConverter.class, description = "With --continuous: the time in which every partition is rescanned once (default: ${DEFAULT-VALUE}).")
    Duration cycle;

    @Option(names = "--grace", paramLabel = "DURATION", defaultValue = "30s", converter = DurationConverter.class, description = "With --continuous: how long a difference must last to be reported, so changes in flight through a sync are not drift (default: ${DEFAULT-VALUE}).")
    Duration grace;

    @Option(names = "--repair", negatable = true, defaultValue = "false", fallbackValue = "true", description = "Repair every difference found: re-read the record, re-check both stores, then upsert or delete the point (each a REPAIRED event). Without it nothing is written: a dry run, the repair records carry action NONE.")
    boolean repair;

    @Option(names = "--deep", negatable = true, defaultValue = "false", fallbackValue = "true", description = "Also read the points' vectors and compare each with its record's (normalized for Cosine, as Qdrant stores it): a vector changed with its payload intact is a MISMATCH.")
    boolean deep;

    @Option(names = "--tolerance", paramLabel = "X", defaultValue = "1e-6", description = "With --deep: the largest difference of a vector component that counts as equal (default: ${DEFAULT-VALUE}).")
    double tolerance;

    @Option(names = "--bloom-false-positive-rate", paramLabel = "R", defaultValue = "0.01", description = "With --continuous: the false-positive rate of each partition's Bloom filter of SurrealDB point ids (0 < R < 1; default: ${DEFAULT-VALUE}). A point it calls absent is an orphan without a read of the SurrealDB side.")
    double bloomFalsePositiveRate;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "256", description = "Partitions of the point-id space, a power of two (default: ${DEFAULT-VALUE}): the unit of keyed work, one Merkle tree and one Qdrant scroll range each.")
    int partitions;

    @Option(names = "--leaves", paramLabel = "N", defaultValue = "65536", description = "Leaves in all partitions, a power of two up to 2^24 (default: ${DEFAULT-VALUE}): only leaves whose digests differ are compared record by record.")
    int leaves;

    @Option(names = "--sample-rate", paramLabel = "R", defaultValue = "1", description = "Compare a random share R of the partitions (0 < R <= 1; default: ${DEFAULT-VALUE}, all) and report what that bounds: no more than x%% of entities differ, at 95%% confidence.")
    double sampleRate;

    @Option(names = "--sample-seed", paramLabel = "N", description = "The seed that chooses the sampled partitions (default: a new one each run, printed; give it again with --resume).")
    Long sampleSeed;

    @Option(names = "--repairs-topic", paramLabel = "NAME", description = "Kafka topic of the repair records (JSON, keyed by entity id), written exactly once; needs --kafka-bootstrap.")
    String repairsTopic;

    @Option(names = "--findings", paramLabel = "FILE", defaultValue = "reconcile-findings.jsonl", description = "The repair records as JSON lines, one per difference, sorted by point id (default: ${DEFAULT-VALUE}).")
    Path findings;

    @Override
    protected String jobName() {
        return "reconcile";
    }

    @Override
    protected void validateJob() {
        powerOfTwo(partitions, 1 << 16, "--partitions");
        powerOfTwo(leaves, 1 << ReconcileSettings.MAX_LEAF_BITS_IN_ALL, "--leaves");
        if (leaves < partitions) {
            throw new InvalidOptionException("--leaves", leaves + " leaves cannot be spread over " + partitions
                    + " partitions: give at least as many leaves as --partitions");
        }
        if (repairsTopic != null) {
            OptionChecks.matches(repairsTopic, KafkaOptions.TOPIC_NAME, "--repairs-topic", "a Kafka topic name (a-z A-Z 0-9 . _ -)");
            if (kafka.bootstrap() == null || kafka.bootstrap().isBlank()) {
                throw new InvalidOptionException("--kafka-bootstrap", "required with --repairs-topic: name the Kafka brokers (host:port)");
            }
        }
        OptionChecks.require(findings, "--findings");
        if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
            throw new InvalidOptionException("--tolerance", tolerance + " is no tolerance (a finite number, 0 or more)");
        }
        if (!(bloomFalsePositiveRate > 0 && bloomFalsePositiveRate < 1)) {
            throw new InvalidOptionException("--bloom-false-positive-rate", bloomFalsePositiveRate
                    + " is no false-positive rate (more than 0, less than 1)");
        }
        if (continuous) {
            if (Boolean.TRUE.equals(once)) {
                throw new InvalidOptionException("--continuous", "give --once or --continuous, not both");
            }
            if (cycle.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new InvalidOptionException("--cycle", "at least 1s, got " + DurationConverter.format(cycle));
            }
            if (grace.isNegative()) {
                throw new InvalidOptionException("--grace", "must not be negative");
            }
            if (deep) {
                throw new InvalidOptionException("--deep", "compares once; it does not go with --continuous");
            }
            if (sampleRate < 1) {
                throw new InvalidOptionException("--sample-rate", "samples one run; it does not go with --continuous");
            }
        }
        if (!(sampleRate > 0 && sampleRate <= 1)) {
            throw new InvalidOptionException("--sample-rate", sampleRate + " is not a share of the partitions (0 < R <= 1)");
        }
    }

    private static void powerOfTwo(int value, int max, String option) {
        if (value < 1 || value > max || Integer.bitCount(value) != 1) {
            throw new InvalidOptionException(option, value + " is not a power of two from 1 to " + max);
        }
    }

    @Override
    protected void putJobOptionsInto(Configuration conf) {
        conf.set(ReconcileJobOptions.PARTITIONS, partitions);
        conf.set(ReconcileJobOptions.LEAVES, leaves);
        conf.set(ReconcileJobOptions.REPAIR, repair);
        conf.set(ReconcileJobOptions.CONTINUOUS, continuous);
        conf.set(ReconcileJobOptions.CYCLE, cycle);
        conf.set(ReconcileJobOptions.GRACE, grace);
        conf.set(ReconcileJobOptions.DEEP, deep);
        conf.set(ReconcileJobOptions.TOLERANCE, tolerance);
        conf.set(ReconcileJobOptions.BLOOM_FALSE_POSITIVE_RATE, bloomFalsePositiveRate);
        conf.set(ReconcileJobOptions.SAMPLE_RATE, sampleRate);
        conf.set(ReconcileJobOptions.SAMPLE_SEED, sampleSeed());
        conf.set(ReconcileJobOptions.FINDINGS_DIR, findingParts().toString());
        if (repairsTopic != null) {
            conf.set(EventOptions.REPAIRS_TOPIC, repairsTopic);
        }
    }

    /** Where the job's subtasks write their repair-record part files before the client merges them. */
    public Path findingParts() {
        Path file = findings.toAbsolutePath();
        return file.resolveSibling(file.getFileName() + ".parts");
    }

    /** The seed of the sampled partitions: the given one, or one chosen once for this run. */
    public long sampleSeed() {
        if (sampleSeed == null) {
            sampleSeed = new SecureRandom().nextLong() & Long.MAX_VALUE;
        }
        return sampleSeed;
    }

    public double sampleRate() {
        return sampleRate;
    }

    public Path findings() {
        return findings;
    }

    public boolean repair() {
        return repair;
    }

    public boolean continuous() {
        return continuous;
    }

    public String repairsTopic() {
        return repairsTopic;
    }

    @Override
    public String toString() {
        return "reconcile " + syncId() + ": " + String.join(",", target.tables()) + " at " + stores.describe(target.collection())
                + (repair ? " (repair)" : " (dry run: nothing is written)") + (deep ? ", vectors compared" : "")
                + (continuous ? ", continuous (cycle " + DurationConverter.format(cycle) + ", grace " + DurationConverter.format(grace) + ")" : "")
                + (sampleRate < 1 ? ", sampling " + sampleRate + " of the partitions (seed " + sampleSeed() + ")" : "");
    }
}
