package io.cortexsync.connector.surrealdb.source.enumerator;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Method;
import java.util.Optional;

/**
 * Whether the job takes periodic checkpoints, asked of the runtime behind the enumerator context.
 *
 * <p>The enumerator hands the change stream over only after a completed checkpoint (that is what
 * keeps each key's snapshot read ahead of its newer changes across readers), so it must know
 * whether one will ever come: Flink CDC's incremental sources waited forever without checkpoints
 * (apache/flink-cdc#2165). FLIP-27's {@link SplitEnumeratorContext} does not say; Flink's own
 * implementation knows through its checkpoint coordinator, reached here by reflection. Any other
 * context (test mocks) answers empty, and the enumerator then treats checkpointing as on once it
 * has seen a checkpoint.
 */
@Internal
final class CheckpointingProbe {

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointingProbe.class);

    private CheckpointingProbe() {}

    static Optional<Boolean> periodicCheckpointing(SplitEnumeratorContext<?> context) {
        try {
            Method coordinatorContext = context.getClass().getDeclaredMethod("getCoordinatorContext");
            coordinatorContext.setAccessible(true);
            Object operatorContext = coordinatorContext.invoke(context);
            Method checkpointCoordinator = operatorContext.getClass().getMethod("getCheckpointCoordinator");
            checkpointCoordinator.setAccessible(true);
            Object coordinator = checkpointCoordinator.invoke(operatorContext);
            if (coordinator == null) {
                return Optional.of(false);
            }
            Method configured = coordinator.getClass().getMethod("isPeriodicCheckpointingConfigured");
            return Optional.of((Boolean) configured.invoke(coordinator));
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("cannot tell whether {} belongs to a checkpointed job", context.getClass().getName(), e);
            return Optional.empty();
        }
    }
}
