package io.cortexsync.jobs.reconcile;

import io.cortexsync.jobs.common.JsonLinesPartWriter;
import io.cortexsync.schema.json.SchemaJson;
import io.cortexsync.schema.model.RepairRecord;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

import java.nio.file.Path;

/**
 * Writes the repair records into per-subtask part files (JSON lines) for the command line's
 * report, which keeps one record per point id when a restore repeated some.
 */
public final class FindingFileSink implements Sink<RepairRecord> {

    private static final long serialVersionUID = 1L;

    private final String partsDir;

    public FindingFileSink(Path partsDir) {
        this.partsDir = partsDir.toAbsolutePath().toString();
    }

    @Override
    public SinkWriter<RepairRecord> createWriter(WriterInitContext context) {
        JsonLinesPartWriter<RepairRecord> part = new JsonLinesPartWriter<>(
                Path.of(partsDir), "findings", context.getTaskInfo().getIndexOfThisSubtask(), SchemaJson.REPAIR_RECORD);
        return new SinkWriter<>() {
            @Override
            public void write(RepairRecord element, Context ctx) {
                part.write(element);
            }

            @Override
            public void flush(boolean endOfInput) {
                part.flush();
            }

            @Override
            public void close() {
                part.close();
            }
        };
    }
}
