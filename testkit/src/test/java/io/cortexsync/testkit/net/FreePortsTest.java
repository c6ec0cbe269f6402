package io.cortexsync.testkit.net;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class FreePortsTest {

    @Test
    void portsAreDistinctAndAvoidTheTakenOnes() {
        List<Integer> first = FreePorts.distinct(20, Set.of());
        assertThat(first).hasSize(20).doesNotHaveDuplicates();
        // the same ports, now marked taken, are not handed out again
        List<Integer> second = FreePorts.distinct(20, new HashSet<>(first));
        assertThat(second).hasSize(20).doesNotHaveDuplicates().doesNotContainAnyElementsOf(first);
    }
}
