package io.cortexsync.cli.timing;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class RunTimingsTest {

    private String launched;

    @BeforeEach
    void rememberTheLaunchProperty() {
        launched = System.getProperty(RunTimings.LAUNCHED_PROPERTY);
    }

    @AfterEach
    void restoreTheLaunchProperty() {
        if (launched == null) {
            System.clearProperty(RunTimings.LAUNCHED_PROPERTY);
        } else {
            System.setProperty(RunTimings.LAUNCHED_PROPERTY, launched);
        }
    }

    @Test
    void eachMarkEndsThePhaseThatBeganAtThePreviousOne() {
        AtomicLong clock = new AtomicLong(1_000);
        RunTimings timings = new RunTimings(400, clock::get);

        timings.mark(RunTimings.START_UP);
        clock.addAndGet(250);
        timings.mark("preflight");
        clock.addAndGet(1_200);
        timings.mark("snapshot");

        assertThat(timings.phasesMs()).containsExactly(
                Map.entry("start-up", 600L), Map.entry("preflight", 250L), Map.entry("snapshot", 1_200L));
    }

    @Test
    void aPhaseMarkedAgainAddsToItsTime() {
        AtomicLong clock = new AtomicLong(0);
        RunTimings timings = new RunTimings(0, clock::get);
        clock.set(100);
        timings.mark("write");
        clock.set(150);
        timings.mark("wait");
        clock.set(400);
        timings.mark("write");

        assertThat(timings.phasesMs()).containsExactly(Map.entry("write", 350L), Map.entry("wait", 50L));
    }

    @Test
    void describesThePhasesInOneLineWithTheirTotal() {
        assertThat(RunTimings.describe(Map.of("start-up", 420L)))
                .isEqualTo("start-up 0.42 s, total 0.42 s");
        AtomicLong clock = new AtomicLong(0);
        RunTimings timings = new RunTimings(0, clock::get);
        clock.set(1_004);
        timings.mark("preflight");
        clock.set(3_504);
        timings.mark("snapshot");
        assertThat(RunTimings.describe(timings.phasesMs())).isEqualTo("preflight 1.00 s, snapshot 2.50 s, total 3.50 s");
    }

    @Test
    void aCommandRunInsideARunningJvmHasNoStartUpOfItsOwn() throws InterruptedException {
        System.clearProperty(RunTimings.LAUNCHED_PROPERTY);
        // a JVM up for a second: timed from the JVM's start, the start-up would be as long
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (ManagementFactory.getRuntimeMXBean().getUptime() < 1_000 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        long startUp = RunTimings.sinceProcessStart().mark(RunTimings.START_UP).phasesMs().get(RunTimings.START_UP);
        assertThat(startUp).as("JVM up %d ms", ManagementFactory.getRuntimeMXBean().getUptime()).isLessThan(500L);

        RunTimings.launchedWithThisJvm();
        assertThat(System.getProperty(RunTimings.LAUNCHED_PROPERTY))
                .isEqualTo(String.valueOf(ManagementFactory.getRuntimeMXBean().getStartTime() * 1000));
    }

    @Test
    void theLauncherSetsWhereTheStartUpBegins() {
        long launched = System.currentTimeMillis() - 5_000;
        System.setProperty(RunTimings.LAUNCHED_PROPERTY, String.valueOf(launched * 1000));
        long startUp = RunTimings.sinceProcessStart().mark(RunTimings.START_UP).phasesMs().get(RunTimings.START_UP);
        assertThat(startUp).isBetween(5_000L, 60_000L);
    }
}
