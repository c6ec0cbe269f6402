package io.cortexsync.testkit.kafka;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class BrokerPortsTest {

    @Test
    void theBrokerListenersGetThreeDifferentPorts() {
        for (int i = 0; i < 200; i++) {
            BrokerPorts any = BrokerPorts.choose(0, 0);
            assertThat(Set.of(any.client, any.internal, any.controller)).hasSize(3);
            assertThat(any.advertised).isEqualTo(any.client);

            BrokerPorts fixed = BrokerPorts.choose(any.client, 0);
            assertThat(Set.of(fixed.client, fixed.internal, fixed.controller)).hasSize(3);
            assertThat(fixed.client).isEqualTo(any.client);
        }
    }
}
