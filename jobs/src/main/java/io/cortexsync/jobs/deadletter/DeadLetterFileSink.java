package io.cortexsync.jobs.deadletter;

import io.cortexsync.schema.model.DeadLetter;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

import java.nio.file.Path;

/** Writes the dead letters of the record conversion into per-subtask part files. */
public final class DeadLetterFileSink implements Sink<DeadLetter> {

    private static final long serialVersionUID = 1L;

    private final String partsDir;

    public DeadLetterFileSink(Path partsDir) {
        this.partsDir = partsDir.toAbsolutePath().toString();
    }

    @Override
    public SinkWriter<DeadLetter> createWriter(WriterInitContext context) {
        DeadLetterPartWriter part = new DeadLetterPartWriter(
                Path.of(partsDir), "convert", context.getTaskInfo().getIndexOfThisSubtask());
        return new SinkWriter<>() {
            @Override
            public void write(DeadLetter element, Context ctx) {
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
