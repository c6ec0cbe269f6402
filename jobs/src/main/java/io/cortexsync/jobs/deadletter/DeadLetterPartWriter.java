package io.cortexsync.jobs.deadletter;

import io.cortexsync.jobs.common.JsonLinesPartWriter;
import io.cortexsync.schema.json.SchemaJson;
import io.cortexsync.schema.model.DeadLetter;

import java.nio.file.Path;

/** One subtask's dead letters as JSON lines in a part file of its own; see {@link JsonLinesPartWriter}. */
public final class DeadLetterPartWriter extends JsonLinesPartWriter<DeadLetter> {

    public DeadLetterPartWriter(Path partsDir, String stage, int subtask) {
        super(partsDir, stage, subtask, SchemaJson.DEAD_LETTER);
    }
}
