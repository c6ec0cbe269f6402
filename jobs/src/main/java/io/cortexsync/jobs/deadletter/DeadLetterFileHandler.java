package io.cortexsync.jobs.deadletter;

import io.cortexsync.connector.qdrant.sink.QdrantSinkOutcomeListener;
import io.cortexsync.schema.model.DeadLetter;

import java.nio.file.Path;

/** Writes the points Qdrant refused into the migration's dead-letter part files. */
public final class DeadLetterFileHandler implements QdrantSinkOutcomeListener {

    private static final long serialVersionUID = 1L;

    private final String partsDir;
    private transient DeadLetterPartWriter part;

    public DeadLetterFileHandler(Path partsDir) {
        this.partsDir = partsDir.toAbsolutePath().toString();
    }

    @Override
    public void open(int subtaskIndex, int parallelism) {
        part = new DeadLetterPartWriter(Path.of(partsDir), "sink", subtaskIndex);
    }

    @Override
    public void onDeadLetter(DeadLetter deadLetter) {
        if (part == null) {
            open(0, 1);
        }
        part.write(deadLetter);
        // rare, and the sink gives no checkpoint hook: flush each one so none is lost to a crash
        part.flush();
    }

    @Override
    public void close() {
        if (part != null) {
            part.close();
        }
    }
}
