package io.cortexsync.jobs.deadletter;

import io.cortexsync.schema.json.SchemaJson;
import io.cortexsync.schema.model.DeadLetter;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * One subtask's dead letters as JSON lines in a part file of its own ({@code <stage>-<subtask>-<uuid>.jsonl}),
 * so that writers never share a file; the client merges the parts at the end. A part is flushed at
 * every checkpoint and at the end of input, so what a checkpoint covers is on disk.
 */
public final class DeadLetterPartWriter implements AutoCloseable {

    private final Path file;
    private BufferedWriter out;

    public DeadLetterPartWriter(Path partsDir, String stage, int subtask) {
        this.file = partsDir.resolve(stage + "-" + subtask + "-" + UUID.randomUUID() + ".jsonl");
    }

    public synchronized void write(DeadLetter deadLetter) {
        try {
            if (out == null) {
                Files.createDirectories(file.getParent());
                out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
            out.write(SchemaJson.DEAD_LETTER.writeString(deadLetter));
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write dead letters to " + file, e);
        }
    }

    public synchronized void flush() {
        if (out != null) {
            try {
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write dead letters to " + file, e);
            }
        }
    }

    @Override
    public synchronized void close() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write dead letters to " + file, e);
            } finally {
                out = null;
            }
        }
    }
}
