package io.cortexsync.connector.surrealdb.source;

import io.cortexsync.connector.surrealdb.source.record.SurrealChange;
import io.cortexsync.connector.surrealdb.source.record.SurrealChangeSerializer;

import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.api.java.typeutils.TupleTypeInfo;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Records what completed checkpoints saw: records are held per checkpoint in operator state and
 * published once that checkpoint completes (or when a restore shows it did). Records after the
 * last completed checkpoint are dropped on failure, as an exactly-once sink would; the source
 * must deliver them again. Run it with parallelism 1.
 */
public final class CommittedOutput extends ProcessFunction<SurrealChange, Void>
        implements CheckpointedFunction, CheckpointListener {

    private static final long serialVersionUID = 1L;

    private static final Map<String, Published> PUBLISHED = new ConcurrentHashMap<>();

    private final String name;
    private transient List<SurrealChange> pending;
    private transient TreeMap<Long, List<SurrealChange>> staged;
    private transient ListState<Tuple2<Long, SurrealChange>> state;

    public CommittedOutput(String name) {
        this.name = name;
        PUBLISHED.put(name, new Published());
    }

    /** What completed checkpoints of the function named {@code name} saw, in order. */
    public static List<SurrealChange> committed(String name) {
        return PUBLISHED.get(name).snapshot();
    }

    public static List<SurrealChange> awaitUntil(String name, Predicate<List<SurrealChange>> condition, Duration timeout,
            String what) throws InterruptedException {
        return PUBLISHED.get(name).awaitUntil(condition, timeout, what);
    }

    @Override
    public void processElement(SurrealChange change, Context ctx, Collector<Void> out) {
        pending.add(change);
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        staged.put(context.getCheckpointId(), pending);
        pending = new ArrayList<>();
        List<Tuple2<Long, SurrealChange>> all = new ArrayList<>();
        staged.forEach((checkpoint, records) -> records.forEach(r -> all.add(Tuple2.of(checkpoint, r))));
        state.update(all);
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        pending = new ArrayList<>();
        staged = new TreeMap<>();
        state = context.getOperatorStateStore().getListState(new ListStateDescriptor<>(
                "staged", new TupleTypeInfo<>(Types.LONG, SurrealChangeSerializer.TYPE_INFO)));
        if (context.isRestored()) {
            // restored state belongs to a completed checkpoint, whether or not its notification came
            TreeMap<Long, List<SurrealChange>> restored = new TreeMap<>();
            for (Tuple2<Long, SurrealChange> entry : state.get()) {
                restored.computeIfAbsent(entry.f0, c -> new ArrayList<>()).add(entry.f1);
            }
            restored.forEach((checkpoint, records) -> PUBLISHED.get(name).publish(checkpoint, records));
            state.clear();
        }
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        while (!staged.isEmpty() && staged.firstKey() <= checkpointId) {
            Map.Entry<Long, List<SurrealChange>> first = staged.pollFirstEntry();
            PUBLISHED.get(name).publish(first.getKey(), first.getValue());
        }
    }

    private static final class Published {
        private final Set<Long> checkpoints = new HashSet<>();
        private final List<SurrealChange> records = new ArrayList<>();

        synchronized void publish(long checkpoint, List<SurrealChange> batch) {
            if (checkpoints.add(checkpoint)) {
                records.addAll(batch);
                notifyAll();
            }
        }

        synchronized List<SurrealChange> snapshot() {
            return new ArrayList<>(records);
        }

        synchronized List<SurrealChange> awaitUntil(Predicate<List<SurrealChange>> condition, Duration timeout,
                String what) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!condition.test(records)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("timed out after " + timeout + " waiting for " + what + "; "
                            + records.size() + " committed records so far");
                }
                wait(Math.max(1, Math.min(left / 1_000_000, 200)));
            }
            return new ArrayList<>(records);
        }
    }
}
