package io.cortexsync.jobs.common;

import io.cortexsync.schema.json.JsonCodec;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

import java.nio.file.Path;

/**
 * A sink that writes each subtask's records into a {@link JsonLinesPartWriter} part file of its
 * own under {@code partsDir}, named after {@code stage}, for the command line to merge.
 */
public class JsonLinesFileSink<T> implements Sink<T> {

    private static final long serialVersionUID = 1L;

    private final String partsDir;
    private final String stage;
    private final JsonCodec<T> codec;

    public JsonLinesFileSink(Path partsDir, String stage, JsonCodec<T> codec) {
        this.partsDir = partsDir.toAbsolutePath().toString();
        this.stage = stage;
        this.codec = codec;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        JsonLinesPartWriter<T> part = new JsonLinesPartWriter<>(
                Path.of(partsDir), stage, context.getTaskInfo().getIndexOfThisSubtask(), codec);
        return new SinkWriter<>() {
            @Override
            public void write(T element, Context ctx) {
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
