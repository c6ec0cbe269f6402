package io.cortexsync.connector.dualwrite.apply;

import io.cortexsync.connector.dualwrite.DualWriteSettings;
import io.cortexsync.connector.dualwrite.commit.DualWriteCommittable;
import io.cortexsync.schema.model.SyncEvent;

import org.apache.flink.annotation.Internal;
import org.apache.flink.streaming.api.connector.sink2.CommittableMessage;
import org.apache.flink.streaming.api.operators.AbstractStreamOperatorFactory;
import org.apache.flink.streaming.api.operators.OneInputStreamOperatorFactory;
import org.apache.flink.streaming.api.operators.StreamOperator;
import org.apache.flink.streaming.api.operators.StreamOperatorParameters;

/** Makes the {@link QdrantStageOperator} of a dual-write sink. */
@Internal
public final class QdrantStageOperatorFactory extends AbstractStreamOperatorFactory<SyncEvent>
        implements OneInputStreamOperatorFactory<CommittableMessage<DualWriteCommittable>, SyncEvent> {

    private static final long serialVersionUID = 1L;

    private final DualWriteSettings settings;

    public QdrantStageOperatorFactory(DualWriteSettings settings) {
        this.settings = settings;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends StreamOperator<SyncEvent>> T createStreamOperator(StreamOperatorParameters<SyncEvent> parameters) {
        return (T) new QdrantStageOperator(parameters, settings);
    }

    @Override
    public Class<? extends StreamOperator> getStreamOperatorClass(ClassLoader classLoader) {
        return QdrantStageOperator.class;
    }
}
