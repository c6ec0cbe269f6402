package io.cortexsync.jobs.reconcile.element;

import io.cortexsync.connector.surrealdb.source.convert.SnapshotDone;

import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.util.Collector;

/**
 * A table's finished snapshot, told to every partition as (partition, table): a continuous
 * reconciliation's partition starts its rescans only once its SurrealDB side holds every table's
 * snapshot, so a record not read yet is never called missing. The source sends the marker only
 * after the snapshot's records have passed a completed checkpoint, so they are in the partitions'
 * state when it arrives.
 */
public final class SnapshotDoneFanOut implements FlatMapFunction<SnapshotDone, Tuple2<Integer, String>> {

    private static final long serialVersionUID = 1L;

    private final int partitions;

    public SnapshotDoneFanOut(int partitions) {
        this.partitions = partitions;
    }

    @Override
    public void flatMap(SnapshotDone done, Collector<Tuple2<Integer, String>> out) {
        for (int partition = 0; partition < partitions; partition++) {
            out.collect(Tuple2.of(partition, done.table()));
        }
    }
}
