package io.cortexsync.jobs.reconcile;

import io.cortexsync.connector.qdrant.QdrantOptions;
import io.cortexsync.connector.qdrant.client.QdrantConnectionConfig;
import io.cortexsync.connector.surrealdb.SurrealOptions;
import io.cortexsync.connector.surrealdb.client.SurrealConnectionConfig;
import io.cortexsync.jobs.common.RequiredSettings;
import io.cortexsync.jobs.common.SyncJobOptions;

import io.qdrant.client.grpc.Collections.Distance;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.IllegalConfigurationException;
import org.apache.flink.configuration.ReadableConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What a reconciliation reads from its configuration, checked once: every problem names its key.
 *
 * @param dimension the collection's vector size ({@code qdrant.collection.vector-size}); a record
 *     of another length cannot be synced and counts as absent
 * @param partitionBits the leading bits of a point id that name its partition
 * @param leafBits the bits after them that name its leaf within the partition
 */
public record ReconcileSettings(
        SurrealConnectionConfig surreal,
        QdrantConnectionConfig qdrant,
        List<String> tables,
        String vectorField,
        String collection,
        int dimension,
        int partitionBits,
        int leafBits,
        boolean repair,
        Path findingsDir,
        double sampleRate,
        long sampleSeed,
        boolean deep,
        double tolerance,
        Distance distance,
        boolean continuous,
        Duration cycle,
        Duration grace,
        double bloomFalsePositiveRate) {

    /** Leaves in all at most: 2^24, so a partition's Merkle tree stays an array. */
    public static final int MAX_LEAF_BITS_IN_ALL = 24;

    /** Leaves in one partition. */
    public int leavesPerPartition() {
        return 1 << leafBits;
    }

    public int partitions() {
        return 1 << partitionBits;
    }

    /** The settings of {@code config}; throws {@link IllegalConfigurationException} naming the key at fault. */
    public static ReconcileSettings from(ReadableConfig config) {
        try {
            List<String> tables = RequiredSettings.tables(config);
            int dimension = RequiredSettings.dimension(config);
            int partitions = config.get(ReconcileJobOptions.PARTITIONS);
            int leaves = config.get(ReconcileJobOptions.LEAVES);
            int partitionBits = powerOfTwoBits(ReconcileJobOptions.PARTITIONS, partitions, 16);
            int leafBitsInAll = powerOfTwoBits(ReconcileJobOptions.LEAVES, leaves, MAX_LEAF_BITS_IN_ALL);
            if (leafBitsInAll < partitionBits) {
                throw new IllegalConfigurationException(ReconcileJobOptions.LEAVES.key() + ": " + leaves
                        + " leaves cannot be spread over " + partitions + " partitions (" + ReconcileJobOptions.PARTITIONS.key()
                        + "); give at least one leaf per partition");
            }
            String findings = RequiredSettings.required(config, ReconcileJobOptions.FINDINGS_DIR);
            return new ReconcileSettings(
                    SurrealOptions.connectionConfig(config),
                    QdrantOptions.connectionConfig(config),
                    tables,
                    config.get(SyncJobOptions.VECTOR_FIELD),
                    RequiredSettings.collection(config),
                    dimension,
                    partitionBits,
                    leafBitsInAll - partitionBits,
                    config.get(ReconcileJobOptions.REPAIR),
                    Path.of(findings),
                    sampleRate(config),
                    config.get(ReconcileJobOptions.SAMPLE_SEED),
                    config.get(ReconcileJobOptions.DEEP),
                    tolerance(config),
                    config.get(QdrantOptions.COLLECTION_DISTANCE),
                    continuous(config),
                    config.get(ReconcileJobOptions.CYCLE),
                    config.get(ReconcileJobOptions.GRACE),
                    bloomFalsePositiveRate(config));
        } catch (IllegalConfigurationException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            // the connectors' own checks name their keys too
            throw new IllegalConfigurationException(e.getMessage(), e);
        }
    }

    /**
     * The partitions this run compares: all ({@code null}) at a sample rate of 1, else {@code
     * ceil(rate × partitions)} of them (at least one) chosen by the seed.
     */
    public SortedSet<Integer> sampledPartitions() {
        return sampledPartitions(partitions(), sampleRate, sampleSeed);
    }

    /** The partitions a run of {@code partitions} at {@code rate} with {@code seed} compares; {@code null}: all. */
    public static SortedSet<Integer> sampledPartitions(int partitions, double rate, long seed) {
        if (rate >= 1.0) {
            return null;
        }
        List<Integer> all = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            all.add(p);
        }
        Collections.shuffle(all, new Random(seed));
        int sampled = Math.max(1, (int) Math.ceil(rate * partitions));
        return Collections.unmodifiableSortedSet(new TreeSet<>(all.subList(0, sampled)));
    }

    private static boolean continuous(ReadableConfig config) {
        boolean continuous = config.get(ReconcileJobOptions.CONTINUOUS);
        if (continuous) {
            Duration cycle = config.get(ReconcileJobOptions.CYCLE);
            if (cycle.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalConfigurationException(ReconcileJobOptions.CYCLE.key() + ": " + cycle + " is shorter than 1 s");
            }
            if (config.get(ReconcileJobOptions.GRACE).isNegative()) {
                throw new IllegalConfigurationException(ReconcileJobOptions.GRACE.key() + " must not be negative");
            }
            if (config.get(ReconcileJobOptions.DEEP)) {
                throw new IllegalConfigurationException(ReconcileJobOptions.DEEP.key() + " compares once; it does not go with "
                        + ReconcileJobOptions.CONTINUOUS.key());
            }
            if (config.get(ReconcileJobOptions.SAMPLE_RATE) < 1.0) {
                throw new IllegalConfigurationException(ReconcileJobOptions.SAMPLE_RATE.key() + " samples one run; it does not go with "
                        + ReconcileJobOptions.CONTINUOUS.key());
            }
        }
        return continuous;
    }

    private static double bloomFalsePositiveRate(ReadableConfig config) {
        double rate = config.get(ReconcileJobOptions.BLOOM_FALSE_POSITIVE_RATE);
        if (!(rate > 0 && rate < 1)) {
            throw new IllegalConfigurationException(ReconcileJobOptions.BLOOM_FALSE_POSITIVE_RATE.key() + ": " + rate
                    + " is no false-positive rate (more than 0, less than 1)");
        }
        return rate;
    }

    private static double tolerance(ReadableConfig config) {
        double tolerance = config.get(ReconcileJobOptions.TOLERANCE);
        if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
            throw new IllegalConfigurationException(ReconcileJobOptions.TOLERANCE.key() + ": " + tolerance
                    + " is no tolerance (a finite number, 0 or more)");
        }
        return tolerance;
    }

    private static double sampleRate(ReadableConfig config) {
        double rate = config.get(ReconcileJobOptions.SAMPLE_RATE);
        if (!(rate > 0 && rate <= 1)) {
            throw new IllegalConfigurationException(ReconcileJobOptions.SAMPLE_RATE.key() + ": " + rate
                    + " is not a share of the partitions (0 < rate <= 1)");
        }
        return rate;
    }

    private static int powerOfTwoBits(ConfigOption<Integer> option, int value, int maxBits) {
        if (value < 1 || Integer.bitCount(value) != 1 || Integer.numberOfTrailingZeros(value) > maxBits) {
            throw new IllegalConfigurationException(option.key() + ": " + value + " is not a power of two from 1 to " + (1 << maxBits));
        }
        return Integer.numberOfTrailingZeros(value);
    }
}
