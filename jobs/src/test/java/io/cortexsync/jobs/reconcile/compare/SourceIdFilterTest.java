package io.cortexsync.jobs.reconcile.compare;

import io.cortexsync.jobs.reconcile.element.Side;
import io.cortexsync.jobs.reconcile.element.SideElement;
import io.cortexsync.schema.ids.PointIds;
import io.cortexsync.schema.model.TargetPointId;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SurrealDB side's id filter in keyed state, as a continuous reconciliation keeps it: it grows
 * past its first size by rebuilds, never forgets an id, calls a numeric id absent, and says
 * "might be there" for absent ids no more often than configured (+20%).
 */
class SourceIdFilterTest {

    private static final int PARTITION_BITS = 4;
    private static final int LEAF_BITS = 4;
    private static final double RATE = 0.01;

    @Test
    void growsByRebuildsWithoutFalseNegativesAndKeepsItsFalsePositiveRate() throws Exception {
        int partition = 5;
        List<SideElement> records = elementsOf(partition, "doc", 6_000);
        List<SideElement> absent = elementsOf(partition, "other", 40_000);
        try (KeyedOneInputStreamOperatorTestHarness<Integer, SideElement, Boolean> harness = harness()) {
            for (SideElement record : records) {
                harness.processElement(new StreamRecord<>(record));
            }
            // the same records again (an update): nothing new enters
            for (SideElement record : records.subList(0, 100)) {
                harness.processElement(new StreamRecord<>(record));
            }
            harness.getOutput().clear();
            for (SideElement record : records) {
                harness.processElement(new StreamRecord<>(asPoint(record)));
            }
            assertThat(answers(harness)).as("every record's id is there").containsOnly(true).hasSize(records.size());
            for (SideElement point : absent) {
                harness.processElement(new StreamRecord<>(asPoint(point)));
            }
            long falsePositives = answers(harness).stream().filter(Boolean::booleanValue).count();
            double measured = (double) falsePositives / absent.size();
            System.out.printf("source id filter of %,d ids (rebuilt from %d): %d of %,d absent ids might be there (%.5f, configured %.2f)%n",
                    records.size(), SourceIdFilter.FIRST_CAPACITY, falsePositives, absent.size(), measured, RATE);
            assertThat(measured).isLessThanOrEqualTo(RATE * 1.2);

            SideElement numeric = SideElement.of(Side.TARGET, TargetPointId.ofNumber(42L), null, null, null, PARTITION_BITS, LEAF_BITS);
            harness.processElement(new StreamRecord<>(numeric));
            assertThat(answers(harness)).containsExactly(false);
        }
    }

    @Test
    void aPartitionWithoutRecordsHasEveryPointAbsent() throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<Integer, SideElement, Boolean> harness = harness()) {
            for (SideElement point : elementsOf(3, "doc", 50)) {
                harness.processElement(new StreamRecord<>(asPoint(point)));
            }
            assertThat(answers(harness)).containsOnly(false).hasSize(50);
        }
    }

    /** Ids of {@code table} whose points fall in {@code partition}, {@code count} of them. */
    private static List<SideElement> elementsOf(int partition, String table, int count) {
        List<SideElement> elements = new ArrayList<>();
        for (int i = 0; elements.size() < count; i++) {
            String id = table + ":" + i;
            SideElement e = SideElement.of(Side.SOURCE, TargetPointId.of(PointIds.pointId(id)), id, table, "h" + i,
                    PARTITION_BITS, LEAF_BITS);
            if (e.partition == partition) {
                elements.add(e);
            }
        }
        return elements;
    }

    private static SideElement asPoint(SideElement record) {
        SideElement point = SideElement.of(Side.TARGET, record.pointId(), record.entityId, record.table, record.contentHash,
                PARTITION_BITS, LEAF_BITS);
        return point;
    }

    private static List<Boolean> answers(KeyedOneInputStreamOperatorTestHarness<Integer, SideElement, Boolean> harness) {
        List<Boolean> answers = new ArrayList<>();
        for (Object out : harness.getOutput()) {
            answers.add(((StreamRecord<Boolean>) out).getValue());
        }
        harness.getOutput().clear();
        return answers;
    }

    private static KeyedOneInputStreamOperatorTestHarness<Integer, SideElement, Boolean> harness() throws Exception {
        KeyedOneInputStreamOperatorTestHarness<Integer, SideElement, Boolean> harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new FilterProbe()), e -> e.partition, Types.INT);
        harness.open();
        return harness;
    }

    /** Source elements enter the side and its filter; target elements ask the filter and emit its answer. */
    private static final class FilterProbe extends KeyedProcessFunction<Integer, SideElement, Boolean> {
        private transient LeafState side;
        private transient SourceIdFilter filter;

        @Override
        public void open(OpenContext openContext) {
            side = new LeafState(getRuntimeContext(), Side.SOURCE);
            filter = new SourceIdFilter(getRuntimeContext(), RATE);
        }

        @Override
        public void processElement(SideElement element, Context ctx, Collector<Boolean> out) throws Exception {
            if (element.side == Side.SOURCE) {
                side.apply(element);
                filter.put(element, side);
            } else {
                out.collect(filter.read().mightContain(element));
            }
        }
    }
}
