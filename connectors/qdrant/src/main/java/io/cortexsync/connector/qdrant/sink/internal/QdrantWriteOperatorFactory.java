package io.cortexsync.connector.qdrant.sink.internal;

import io.cortexsync.connector.qdrant.sink.QdrantSink;
import io.cortexsync.connector.qdrant.sink.QdrantWriteOutcomeMapper;
import io.cortexsync.schema.model.DeadLetter;

import org.apache.flink.annotation.Internal;
import org.apache.flink.streaming.api.operators.AbstractStreamOperatorFactory;
import org.apache.flink.streaming.api.operators.OneInputStreamOperatorFactory;
import org.apache.flink.streaming.api.operators.StreamOperator;
import org.apache.flink.streaming.api.operators.StreamOperatorParameters;
import org.apache.flink.util.OutputTag;

/** Makes {@link QdrantWriteOperator}s, handing each the task's mailbox the writer waits on. */
@Internal
public final class QdrantWriteOperatorFactory<T, OUT> extends AbstractStreamOperatorFactory<OUT>
        implements OneInputStreamOperatorFactory<T, OUT> {

    private static final long serialVersionUID = 1L;

    private final QdrantSink<T> sink;
    private final QdrantWriteOutcomeMapper<T, OUT> outcomes;
    private final OutputTag<DeadLetter> deadLetters;

    public QdrantWriteOperatorFactory(
            QdrantSink<T> sink, QdrantWriteOutcomeMapper<T, OUT> outcomes, OutputTag<DeadLetter> deadLetters) {
        this.sink = sink;
        this.outcomes = outcomes;
        this.deadLetters = deadLetters;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <O extends StreamOperator<OUT>> O createStreamOperator(StreamOperatorParameters<OUT> parameters) {
        return (O) new QdrantWriteOperator<>(parameters, sink, outcomes, deadLetters);
    }

    @Override
    public Class<? extends StreamOperator> getStreamOperatorClass(ClassLoader classLoader) {
        return QdrantWriteOperator.class;
    }
}
