package io.cortexsync.jobs.reconcile;

import io.cortexsync.jobs.common.JsonLinesFileSink;
import io.cortexsync.schema.json.SchemaJson;
import io.cortexsync.schema.model.RepairRecord;

import java.nio.file.Path;

/**
 * Writes the repair records into per-subtask part files (JSON lines) for the command line's
 * report, which keeps one record per point id when a restore repeated some.
 */
public final class FindingFileSink extends JsonLinesFileSink<RepairRecord> {

    private static final long serialVersionUID = 1L;

    public FindingFileSink(Path partsDir) {
        super(partsDir, "findings", SchemaJson.REPAIR_RECORD);
    }
}
