package io.cortexsync.jobs.common;

import io.cortexsync.schema.json.JsonCodec;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * One subtask's records as JSON lines in a part file of its own ({@code <stage>-<subtask>-<uuid>.jsonl}),
 * so that writers never share a file; the client merges the parts at the end. A part is flushed at
 * every checkpoint and at the end of input, so what a checkpoint covers is on disk. After a restore
 * a part may repeat records of the failed attempt: the client's merge keeps one per key.
 */
public class JsonLinesPartWriter<T> implements AutoCloseable {

    private final Path file;
    private final JsonCodec<T> codec;
    private BufferedWriter out;

    public JsonLinesPartWriter(Path partsDir, String stage, int subtask, JsonCodec<T> codec) {
        this.file = partsDir.resolve(stage + "-" + subtask + "-" + UUID.randomUUID() + ".jsonl");
        this.codec = codec;
    }

    public synchronized void write(T record) {
        try {
            if (out == null) {
                Files.createDirectories(file.getParent());
                out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
            out.write(codec.writeString(record));
            out.write('\n');
        } catch (IOException e) {
            throw failure(e);
        }
    }

    public synchronized void flush() {
        if (out != null) {
            try {
                out.flush();
            } catch (IOException e) {
                throw failure(e);
            }
        }
    }

    @Override
    public synchronized void close() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                throw failure(e);
            } finally {
                out = null;
            }
        }
    }

    private UncheckedIOException failure(IOException e) {
        return new UncheckedIOException("cannot write " + codec.recordName() + " records to " + file, e);
    }
}
