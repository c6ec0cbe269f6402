package io.cortexsync.jobs.deadletter;

import io.cortexsync.jobs.common.JsonLinesFileSink;
import io.cortexsync.schema.json.SchemaJson;
import io.cortexsync.schema.model.DeadLetter;

import java.nio.file.Path;

/** Writes the dead letters of the record conversion into per-subtask part files. */
public final class DeadLetterFileSink extends JsonLinesFileSink<DeadLetter> {

    private static final long serialVersionUID = 1L;

    public DeadLetterFileSink(Path partsDir) {
        super(partsDir, "convert", SchemaJson.DEAD_LETTER);
    }
}
