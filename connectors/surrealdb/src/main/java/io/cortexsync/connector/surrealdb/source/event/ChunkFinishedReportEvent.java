package io.cortexsync.connector.surrealdb.source.event;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.source.SourceEvent;

import java.util.Map;

/**
 * Reader to enumerator: these snapshot chunks are completely emitted, each current at its high
 * watermark (0 when the job does not follow the change feed). Sent again after a restore until
 * acknowledged.
 */
@Internal
public final class ChunkFinishedReportEvent implements SourceEvent {

    private static final long serialVersionUID = 1L;

    private final Map<String, Long> highWatermarks;

    public ChunkFinishedReportEvent(Map<String, Long> highWatermarks) {
        this.highWatermarks = Map.copyOf(highWatermarks);
    }

    /** Split id to the versionstamp its emitted content is current at. */
    public Map<String, Long> highWatermarks() {
        return highWatermarks;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChunkFinishedReportEvent && highWatermarks.equals(((ChunkFinishedReportEvent) o).highWatermarks);
    }

    @Override
    public int hashCode() {
        return highWatermarks.hashCode();
    }

    @Override
    public String toString() {
        return "ChunkFinishedReportEvent" + highWatermarks;
    }
}
