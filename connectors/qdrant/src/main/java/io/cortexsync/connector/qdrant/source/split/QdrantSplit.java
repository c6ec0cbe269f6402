package io.cortexsync.connector.qdrant.source.split;

import io.cortexsync.connector.qdrant.source.QdrantPointId;
import io.cortexsync.schema.ids.PointIds;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.source.SourceSplit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One contiguous range of point ids, scrolled in id order: a UUID partition (the leading {@code
 * partitionBits} bits of the id, as in reconciliation) or the range of numeric ids, which Qdrant
 * orders before every UUID. Immutable; {@link #nextOffset()} is where reading continues
 * (inclusive) and {@link #isFinished()} says the range has been read to its end.
 */
@Internal
public final class QdrantSplit implements SourceSplit {

    /** The partition number of the split holding the numeric ids. */
    public static final int NUMERIC_IDS = -1;

    private final int partitionBits;
    private final int partition;
    private final QdrantPointId nextOffset;
    private final boolean finished;

    public QdrantSplit(int partitionBits, int partition, QdrantPointId nextOffset, boolean finished) {
        if (partition != NUMERIC_IDS && (partition < 0 || partition >= (1L << partitionBits))) {
            throw new IllegalArgumentException(
                    "partition " + partition + " does not exist with " + partitionBits + " partition bits");
        }
        this.partitionBits = partitionBits;
        this.partition = partition;
        this.nextOffset = nextOffset;
        this.finished = finished;
    }

    /** The split of one UUID partition, not yet read. */
    public static QdrantSplit partition(int partitionBits, int partition) {
        return new QdrantSplit(partitionBits, partition, null, false);
    }

    /** The split of the numeric ids, not yet read. */
    public static QdrantSplit numericIds(int partitionBits) {
        return new QdrantSplit(partitionBits, NUMERIC_IDS, null, false);
    }

    /** Every split of a collection: the numeric ids, then each UUID partition in id order. */
    public static List<QdrantSplit> all(int partitionBits) {
        int partitions = 1 << partitionBits;
        List<QdrantSplit> splits = new ArrayList<>(partitions + 1);
        splits.add(numericIds(partitionBits));
        for (int p = 0; p < partitions; p++) {
            splits.add(partition(partitionBits, p));
        }
        return splits;
    }

    @Override
    public String splitId() {
        return partition == NUMERIC_IDS ? "numeric-ids" : "partition-" + partition + "-of-" + (1L << partitionBits);
    }

    public int partitionBits() {
        return partitionBits;
    }

    /** The UUID partition, or {@link #NUMERIC_IDS}. */
    public int partition() {
        return partition;
    }

    public boolean isNumericIds() {
        return partition == NUMERIC_IDS;
    }

    /** The first id of the range (inclusive). */
    public QdrantPointId firstId() {
        return isNumericIds()
                ? QdrantPointId.MIN_NUMBER
                : QdrantPointId.uuid(PointIds.firstIdOfPartition(partition, partitionBits));
    }

    /** The last id of the range (inclusive). */
    public QdrantPointId lastId() {
        return isNumericIds()
                ? QdrantPointId.MAX_NUMBER
                : QdrantPointId.uuid(PointIds.lastIdOfPartition(partition, partitionBits));
    }

    /** Where the next scroll starts (inclusive); empty before the first record is emitted. */
    public Optional<QdrantPointId> nextOffset() {
        return Optional.ofNullable(nextOffset);
    }

    /** The offset of the next scroll: the progress, or the range's first id. */
    public QdrantPointId scrollOffset() {
        return nextOffset != null ? nextOffset : firstId();
    }

    public boolean isFinished() {
        return finished;
    }

    public boolean contains(QdrantPointId id) {
        return id.compareTo(firstId()) >= 0 && id.compareTo(lastId()) <= 0;
    }

    public QdrantSplit withNextOffset(QdrantPointId offset) {
        return new QdrantSplit(partitionBits, partition, offset, false);
    }

    public QdrantSplit asFinished() {
        return new QdrantSplit(partitionBits, partition, null, true);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof QdrantSplit)) {
            return false;
        }
        QdrantSplit that = (QdrantSplit) o;
        return partitionBits == that.partitionBits
                && partition == that.partition
                && finished == that.finished
                && Objects.equals(nextOffset, that.nextOffset);
    }

    @Override
    public int hashCode() {
        return Objects.hash(partitionBits, partition, nextOffset, finished);
    }

    @Override
    public String toString() {
        return "QdrantSplit{" + splitId() + " [" + firstId() + ", " + lastId() + "]"
                + (finished ? ", finished" : nextOffset == null ? "" : ", from " + nextOffset) + '}';
    }
}
