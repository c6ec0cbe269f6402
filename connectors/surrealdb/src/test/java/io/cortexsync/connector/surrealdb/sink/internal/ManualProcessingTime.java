package io.cortexsync.connector.surrealdb.sink.internal;

import org.apache.flink.api.common.operators.ProcessingTimeService;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ScheduledFuture;

/** Processing time that moves only when the test moves it; timers fire on the test's thread. */
final class ManualProcessingTime implements ProcessingTimeService {

    private final List<Timer> timers = new ArrayList<>();
    private long now;

    private record Timer(long time, ProcessingTimeCallback callback) {}

    @Override
    public long getCurrentProcessingTime() {
        return now;
    }

    @Override
    public ScheduledFuture<?> registerTimer(long time, ProcessingTimeCallback callback) {
        timers.add(new Timer(time, callback));
        return null;
    }

    int pendingTimers() {
        return timers.size();
    }

    /** Moves the clock and runs the timers that came due, in time order. */
    void advance(long millis) throws Exception {
        now += millis;
        while (true) {
            Timer due = timers.stream().filter(t -> t.time() <= now).min(Comparator.comparingLong(Timer::time))
                    .orElse(null);
            if (due == null) {
                return;
            }
            timers.remove(due);
            due.callback().onProcessingTime(due.time());
        }
    }
}
