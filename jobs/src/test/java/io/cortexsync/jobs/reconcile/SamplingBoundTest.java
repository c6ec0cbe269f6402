package io.cortexsync.jobs.reconcile;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SamplingBoundTest {

    @Test
    void noDifferenceGivesTheRuleOfThree() {
        // exact: 1 - 0.05^(1/n), about 3/n
        assertThat(SamplingBound.upperShare(0, 10_000)).isCloseTo(1 - Math.pow(0.05, 1.0 / 10_000), within(1e-9));
        assertThat(SamplingBound.upperShare(0, 10_000)).isCloseTo(3.0 / 10_000, within(0.05 * 3.0 / 10_000));
    }

    @Test
    void knownValues() {
        // one-sided 95% Clopper-Pearson upper bounds, as statistics tables give them
        assertThat(SamplingBound.upperShare(1, 100)).isCloseTo(0.0466, within(0.0005));
        assertThat(SamplingBound.upperShare(10, 1_000)).isCloseTo(0.0169, within(0.0005));
        assertThat(SamplingBound.upperShare(5, 5)).isEqualTo(1.0);
        assertThat(SamplingBound.upperShare(0, 0)).isEqualTo(1.0);
    }

    @Test
    void moreCheckedMeansATighterBound() {
        assertThat(SamplingBound.upperShare(2, 10_000)).isLessThan(SamplingBound.upperShare(2, 1_000));
        assertThat(SamplingBound.upperShare(2, 1_000)).isGreaterThan(0.002);
    }
}
