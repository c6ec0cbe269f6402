package io.cortexsync.connector.qdrant.source;

import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Publishes the strings it receives only when the checkpoint holding them completes (or a restore
 * shows it did), as an exactly-once sink would: what a failure drops, the source must deliver
 * again, and what it delivers twice shows up twice. Run it with parallelism 1.
 */
public final class CommittedIds extends ProcessFunction<String, Void> implements CheckpointedFunction, CheckpointListener {

    private static final long serialVersionUID = 1L;

    private static final Map<String, Published> PUBLISHED = new ConcurrentHashMap<>();

    private final String name;
    private transient List<String> pending;
    private transient TreeMap<Long, List<String>> staged;
    private transient ListState<Tuple2<Long, String>> state;

    public CommittedIds(String name) {
        this.name = name;
        PUBLISHED.put(name, new Published());
    }

    public static List<String> committed(String name) {
        return PUBLISHED.get(name).snapshot();
    }

    @Override
    public void processElement(String id, Context ctx, Collector<Void> out) {
        pending.add(id);
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        staged.put(context.getCheckpointId(), pending);
        pending = new ArrayList<>();
        List<Tuple2<Long, String>> all = new ArrayList<>();
        staged.forEach((checkpoint, ids) -> ids.forEach(id -> all.add(Tuple2.of(checkpoint, id))));
        state.update(all);
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        pending = new ArrayList<>();
        staged = new TreeMap<>();
        state = context.getOperatorStateStore().getListState(
                new ListStateDescriptor<>("staged", Types.TUPLE(Types.LONG, Types.STRING)));
        if (context.isRestored()) {
            // restored state belongs to a completed checkpoint, whether or not its notification came
            TreeMap<Long, List<String>> restored = new TreeMap<>();
            for (Tuple2<Long, String> entry : state.get()) {
                restored.computeIfAbsent(entry.f0, c -> new ArrayList<>()).add(entry.f1);
            }
            restored.forEach((checkpoint, ids) -> PUBLISHED.get(name).publish(checkpoint, ids));
            state.clear();
        }
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        while (!staged.isEmpty() && staged.firstKey() <= checkpointId) {
            Map.Entry<Long, List<String>> first = staged.pollFirstEntry();
            PUBLISHED.get(name).publish(first.getKey(), first.getValue());
        }
    }

    private static final class Published {
        private final Set<Long> checkpoints = new HashSet<>();
        private final List<String> ids = new ArrayList<>();

        synchronized void publish(long checkpoint, List<String> batch) {
            if (checkpoints.add(checkpoint)) {
                ids.addAll(batch);
            }
        }

        synchronized List<String> snapshot() {
            return new ArrayList<>(ids);
        }
    }
}
