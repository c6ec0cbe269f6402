package io.cortexsync.jobs.reconcile.digest;

import io.cortexsync.schema.ids.PointIds;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Bloom filter of point ids: no false negatives, its measured false-positive rate within 20% of the configured one. */
class IdBloomFilterTest {

    @Test
    void theMeasuredFalsePositiveRateIsWithinTwentyPercentOfTheConfiguredOne() {
        int inserted = 100_000;
        int probes = 400_000;
        for (double configured : new double[] {0.01, 0.001}) {
            IdBloomFilter filter = IdBloomFilter.create(inserted, configured);
            for (int i = 0; i < inserted; i++) {
                filter.put(PointIds.pointId("doc:" + i));
            }
            IdBloomFilter restored = IdBloomFilter.fromBytes(filter.toBytes());
            for (int i = 0; i < inserted; i++) {
                assertThat(restored.mightContain(PointIds.pointId("doc:" + i))).as("doc:%d was put", i).isTrue();
            }
            int falsePositives = 0;
            for (int i = 0; i < probes; i++) {
                if (restored.mightContain(PointIds.pointId("other:" + i))) {
                    falsePositives++;
                }
            }
            double measured = (double) falsePositives / probes;
            System.out.printf("Bloom filter of %,d ids at %.3f: %d of %,d absent ids might be there (%.5f)%n",
                    inserted, configured, falsePositives, probes, measured);
            assertThat(measured).as("measured against configured %s", configured)
                    .isBetween(configured * 0.8, configured * 1.2);
        }
    }

    @Test
    void badSizesAndBytesAreRefused() {
        assertThatThrownBy(() -> IdBloomFilter.create(0, 0.01)).hasMessageContaining("expected ids");
        assertThatThrownBy(() -> IdBloomFilter.create(10, 1.0)).hasMessageContaining("false-positive rate");
        assertThatThrownBy(() -> IdBloomFilter.fromBytes(new byte[] {1, 2, 3})).hasMessageContaining("not a Bloom filter");
    }
}
