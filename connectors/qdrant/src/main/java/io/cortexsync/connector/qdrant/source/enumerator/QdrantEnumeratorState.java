package io.cortexsync.connector.qdrant.source.enumerator;

import io.cortexsync.connector.qdrant.source.split.QdrantSplit;

import org.apache.flink.annotation.Internal;

import java.util.List;
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
