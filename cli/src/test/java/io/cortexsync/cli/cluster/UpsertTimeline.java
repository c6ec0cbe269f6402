package io.cortexsync.cli.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The Qdrant test server's count of upserted points, sampled every few milliseconds on a daemon
 * thread: how many points were written by a given time, and the most written in any window.
 */
final class UpsertTimeline implements AutoCloseable {

    private static final long SAMPLE_MILLIS = 20;

    private record Sample(long epochMillis, long points) {}

    private final LongSupplier points;
    private final List<Sample> samples = new ArrayList<>();
    private final Thread sampler;
    private volatile boolean running = true;

    UpsertTimeline(LongSupplier points) {
        this.points = points;
        this.sampler = new Thread(this::sample, "upsert-timeline");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void sample() {
        while (running) {
            record();
            try {
                Thread.sleep(SAMPLE_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void record() {
        samples.add(new Sample(System.currentTimeMillis(), points.getAsLong()));
    }

    /** Points written at {@code epochMillis} (the last sample at or before it). */
    synchronized long pointsAt(long epochMillis) {
        long value = 0;
        for (Sample s : samples) {
            if (s.epochMillis() > epochMillis) {
                break;
            }
            value = s.points();
        }
        return value;
    }

    /** The most points written within any {@code window} before {@code untilEpochMillis}. */
    synchronized long maxWrittenWithin(Duration window, long untilEpochMillis) {
        long best = 0;
        int start = 0;
        for (int end = 0; end < samples.size() && samples.get(end).epochMillis() <= untilEpochMillis; end++) {
            while (samples.get(end).epochMillis() - samples.get(start).epochMillis() > window.toMillis()) {
                start++;
            }
            best = Math.max(best, samples.get(end).points() - samples.get(start).points());
        }
        return best;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        sampler.interrupt();
        sampler.join(1000);
    }
}
