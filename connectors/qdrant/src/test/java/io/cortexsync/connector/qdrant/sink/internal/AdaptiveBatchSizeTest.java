package io.cortexsync.connector.qdrant.sink.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AdaptiveBatchSizeTest {

    @Test
    void growsByTheFloorUnderTheTargetAndHalvesOverIt() {
        AdaptiveBatchSize size = new AdaptiveBatchSize(64, 16, 128, 100);
        size.onWritten(64, 50);
        assertThat(size.current()).isEqualTo(80);
        size.onWritten(80, 150);
        assertThat(size.current()).isEqualTo(40);
        size.onPushback();
        assertThat(size.current()).isEqualTo(20);
        size.onPushback();
        assertThat(size.current()).isEqualTo(16);
    }

    @Test
    void staysWithinItsBounds() {
        AdaptiveBatchSize size = new AdaptiveBatchSize(120, 16, 128, 100);
        size.onWritten(120, 1);
        size.onWritten(128, 1);
        assertThat(size.current()).isEqualTo(128);
        for (int i = 0; i < 10; i++) {
            size.onWritten(128, 1000);
        }
        assertThat(size.current()).isEqualTo(16);
    }

    @Test
    void aSmallFastBatchSaysNothingAboutTheCurrentSize() {
        AdaptiveBatchSize size = new AdaptiveBatchSize(64, 16, 128, 100);
        size.onWritten(3, 1);
        assertThat(size.current()).isEqualTo(64);
    }

    @Test
    void refusesBoundsOutOfOrder() {
        assertThatThrownBy(() -> new AdaptiveBatchSize(8, 16, 128, 100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AdaptiveBatchSize(16, 0, 128, 100)).isInstanceOf(IllegalArgumentException.class);
    }
}
