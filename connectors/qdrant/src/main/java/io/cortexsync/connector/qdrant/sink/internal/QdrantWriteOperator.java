package io.cortexsync.connector.qdrant.sink.internal;

import io.cortexsync.connector.qdrant.sink.QdrantSink;
import io.cortexsync.connector.qdrant.sink.QdrantWriteOutcomeMapper;
import io.cortexsync.schema.model.DeadLetter;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.runtime.metrics.groups.InternalSinkWriterMetricGroup;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.StreamOperatorParameters;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

import java.time.Instant;
import java.util.List;

/**
 * The {@link QdrantSinkWriter} as an operator with an output: the writer's answers arrive as
 * mailbox mail on the task thread, where each element's outcome is emitted. Before a checkpoint
 * barrier the writer is flushed, so every outcome of an element before the barrier precedes it.
 */
@Internal
public final class QdrantWriteOperator<T, OUT> extends AbstractStreamOperator<OUT>
        implements OneInputStreamOperator<T, OUT>, WriteOutcomes {

    private static final long serialVersionUID = 1L;

    private final transient QdrantSink<T> sink;
    private final transient QdrantWriteOutcomeMapper<T, OUT> outcomes;
    private final transient OutputTag<DeadLetter> deadLetters;
    private final transient MailboxExecutor mailbox;
    private transient QdrantSinkWriter<T> writer;

    QdrantWriteOperator(
            StreamOperatorParameters<OUT> parameters,
            QdrantSink<T> sink,
            QdrantWriteOutcomeMapper<T, OUT> outcomes,
            OutputTag<DeadLetter> deadLetters) {
        super(parameters);
        this.sink = sink;
        this.outcomes = outcomes;
        this.deadLetters = deadLetters;
        this.mailbox = parameters.getMailboxExecutor();
    }

    @Override
    public void open() throws Exception {
        super.open();
        writer = sink.createWriter(
                this,
                mailbox,
                getProcessingTimeService(),
                InternalSinkWriterMetricGroup.wrap(getMetricGroup()),
                getRuntimeContext().getTaskInfo().getIndexOfThisSubtask(),
                getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks());
    }

    @Override
    public void processElement(StreamRecord<T> element) throws Exception {
        writer.write(element.getValue(), null);
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        super.prepareSnapshotPreBarrier(checkpointId);
        writer.flush(false);
    }

    @Override
    public void finish() throws Exception {
        writer.flush(true);
        super.finish();
    }

    @Override
    public void close() throws Exception {
        try {
            if (writer != null) {
                writer.close();
            }
        } finally {
            super.close();
        }
    }

    @Override
    public boolean keepsElements() {
        return true;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void written(List<Object> elements) {
        Instant now = Instant.now();
        for (Object element : elements) {
            output.collect(new StreamRecord<>(outcomes.written((T) element, now)));
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public void deadLettered(List<Object> elements, DeadLetter deadLetter) {
        output.collect(deadLetters, new StreamRecord<>(deadLetter));
        for (Object element : elements) {
            output.collect(new StreamRecord<>(outcomes.deadLettered((T) element, deadLetter)));
        }
    }
}
