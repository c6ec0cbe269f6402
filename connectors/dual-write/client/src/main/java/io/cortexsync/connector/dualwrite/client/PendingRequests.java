package io.cortexsync.connector.dualwrite.client;

import io.cortexsync.schema.ids.RecordId;
import io.cortexsync.schema.model.SyncEvent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The requests waiting for their final event, by request id; at most {@code limit} of them, so
 * that memory stays bounded whatever the job does. A request leaves when its future completes in
 * any way: its answer came, it timed out, it could not be sent, the client closed, or the
 * application cancelled it.
 *
 * <p>Every request waits the same timeout, so insertion order is deadline order and expiring is a
 * walk from the oldest entry that stops at the first one still in time. Futures are completed
 * outside the lock: their callbacks are the application's code.
 */
final class PendingRequests {

    private record Entry(SyncFuture future, long deadlineNanos) {}

    private final int limit;
    private final Duration timeout;
    private final LongSupplier nanoTime;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private Function<SyncFuture, Throwable> closedReason;

    PendingRequests(int limit, Duration timeout, LongSupplier nanoTime) {
        this.limit = limit;
        this.timeout = timeout;
        this.nanoTime = nanoTime;
    }

    /**
     * A future for a new request, waiting for its answer until the timeout; already failed when
     * {@code limit} requests wait or this is closed, in which case the change must not be sent.
     */
    SyncFuture register(String requestId, RecordId recordId) {
        SyncFuture future = new SyncFuture(requestId, recordId);
        Throwable refused;
        synchronized (this) {
            if (closedReason != null) {
                refused = closedReason.apply(future);
            } else if (entries.size() >= limit) {
                refused = new RejectedExecutionException(future.describe() + " not sent: " + limit
                        + " requests already wait for their answers (setMaxPendingRequests); wait for some first");
            } else {
                entries.put(requestId, new Entry(future, nanoTime.getAsLong() + timeout.toNanos()));
                refused = null;
            }
        }
        if (refused != null) {
            future.completeExceptionally(refused);
            return future;
        }
        future.whenComplete((event, failure) -> remove(requestId, future));
        return future;
    }

    /** Completes the request {@code event} answers, if it is final and one of these; true if it did. */
    boolean answer(SyncEvent event) {
        if (event.requestId() == null || !FinalEvents.isFinal(event)) {
            return false;
        }
        Entry entry;
        synchronized (this) {
            entry = entries.remove(event.requestId());
        }
        return entry != null && entry.future.complete(event);
    }

    /** Fails, with a TimeoutException naming it, every request whose timeout has passed. */
    void expire() {
        long now = nanoTime.getAsLong();
        List<SyncFuture> expired = new ArrayList<>();
        synchronized (this) {
            Iterator<Entry> it = entries.values().iterator();
            while (it.hasNext()) {
                Entry entry = it.next();
                if (now - entry.deadlineNanos < 0) {
                    break;
                }
                it.remove();
                expired.add(entry.future);
            }
        }
        for (SyncFuture future : expired) {
            future.completeExceptionally(new TimeoutException("no final event for " + future.describe() + " within "
                    + timeout + " (the client's default timeout); no longer awaited, though the job may still apply"
                    + " the change: its events carry the request id"));
        }
    }

    /** Fails every waiting request with {@code reason}, and every later one at once. */
    void close(Function<SyncFuture, Throwable> reason) {
        List<Entry> failed;
        synchronized (this) {
            if (closedReason == null) {
                closedReason = reason;
            }
            failed = new ArrayList<>(entries.values());
            entries.clear();
        }
        for (Entry entry : failed) {
            entry.future.completeExceptionally(reason.apply(entry.future));
        }
    }

    synchronized int size() {
        return entries.size();
    }

    private synchronized void remove(String requestId, SyncFuture future) {
        Entry entry = entries.get(requestId);
        if (entry != null && entry.future == future) {
            entries.remove(requestId);
        }
    }
}
