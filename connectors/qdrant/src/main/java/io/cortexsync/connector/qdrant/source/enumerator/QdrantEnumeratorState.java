package io.cortexsync.connector.qdrant.source.enumerator;

import io.cortexsync.connector.qdrant.source.split.QdrantSplit;

import org.apache.flink.annotation.Internal;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.Objects;

/** The splits not yet assigned to a reader; assigned ones live in the readers' state. */
@Internal
public final class QdrantEnumeratorState {

    private final List<QdrantSplit> unassigned;

    public QdrantEnumeratorState(List<QdrantSplit> unassigned) {
        this.unassigned = List.copyOf(unassigned);
    }

    /** A new read of the whole collection. */
    public static QdrantEnumeratorState initial(int partitionBits) {
        return new QdrantEnumeratorState(QdrantSplit.all(partitionBits));
    }

    /**
     * A new read of some UUID partitions only ({@code null}: all); the numeric ids, which Qdrant
     * orders before every UUID, are read with partition 0.
     */
    public static QdrantEnumeratorState initial(int partitionBits, SortedSet<Integer> partitions) {
        if (partitions == null) {
            return initial(partitionBits);
        }
        List<QdrantSplit> splits = new ArrayList<>();
        if (partitions.contains(0)) {
            splits.add(QdrantSplit.numericIds(partitionBits));
        }
        for (int partition : partitions) {
            splits.add(QdrantSplit.partition(partitionBits, partition));
        }
        return new QdrantEnumeratorState(splits);
    }

    public List<QdrantSplit> unassigned() {
        return unassigned;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QdrantEnumeratorState && unassigned.equals(((QdrantEnumeratorState) o).unassigned);
    }

    @Override
    public int hashCode() {
        return Objects.hash(unassigned);
    }

    @Override
    public String toString() {
        return "QdrantEnumeratorState{" + unassigned.size() + " unassigned}";
    }
}
