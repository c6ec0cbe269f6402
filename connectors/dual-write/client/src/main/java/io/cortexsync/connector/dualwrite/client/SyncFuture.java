package io.cortexsync.connector.dualwrite.client;

import io.cortexsync.schema.ids.RecordId;
import io.cortexsync.schema.model.SyncEvent;

import java.util.concurrent.CompletableFuture;

/**
 * The answer to one change sent by a {@link DualWriteClient}: completed by the change's final
 * {@link SyncEvent}, or exceptionally when the change could not be sent, no answer came within
 * the client's timeout, or the client closed. Carries the request id, which every event of the
 * change carries too, so that a subscriber can tell this request's events from others.
 */
public final class SyncFuture extends CompletableFuture<SyncEvent> {

    private final String requestId;
    private final RecordId recordId;

    SyncFuture(String requestId, RecordId recordId) {
        this.requestId = requestId;
        this.recordId = recordId;
    }

    /** The change's request id (a random UUID), as its events carry it. */
    public String requestId() {
        return requestId;
    }

    /** The record the change is about. */
    public RecordId recordId() {
        return recordId;
    }

    /** "request {@code <id>} ({@code <record id>})", as the client's messages name a request. */
    String describe() {
        return "request " + requestId + " (" + recordId.canonical() + ")";
    }

    @Override
    public String toString() {
        String state = !isDone() ? "pending" : isCompletedExceptionally() ? "failed" : "answered " + join().type();
        return "SyncFuture{" + describe() + ", " + state + '}';
    }
}
