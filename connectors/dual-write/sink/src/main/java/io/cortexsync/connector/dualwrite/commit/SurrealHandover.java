package io.cortexsync.connector.dualwrite.commit;

import org.apache.flink.annotation.Internal;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The committables whose SurrealDB half the committer of one subtask handed to the Qdrant stage of
 * the same subtask, because SurrealDB stayed unavailable past the commit timeout. The stage then
 * retries SurrealDB on its timer, with RETRYING events, instead of Flink's committer retrying at
 * once until it fails the job. While any is handed over, the committer hands over every later
 * committable too, so that per-record order holds.
 *
 * <p>The committer and the stage are chained in one task and run on its one thread; this shared
 * object is how the committer learns that the stage still holds one. The stage keeps the ids in
 * its state and sets them again on a restore, before the committer commits anything (Flink opens
 * a chain's operators from its tail). Which batch needs its SurrealDB half the stage tells from
 * the missing commit marker, whatever this object says.
 */
@Internal
public final class SurrealHandover {

    private static final Map<String, SurrealHandover> BY_SUBTASK = new ConcurrentHashMap<>();

    private final Set<String> handedOver = new LinkedHashSet<>();

    private SurrealHandover() {}

    /** The handover between the committer and the stage of {@code subtask} of the sink {@code sinkId}. */
    public static SurrealHandover of(String sinkId, int subtask) {
        return BY_SUBTASK.computeIfAbsent(sinkId + "/" + subtask, key -> new SurrealHandover());
    }

    /** Whether any committable waits in the stage for its SurrealDB half. */
    public synchronized boolean pending() {
        return !handedOver.isEmpty();
    }

    /** The committer passes the committable on without writing SurrealDB. */
    public synchronized void handOver(String committableId) {
        handedOver.add(committableId);
    }

    /** The stage wrote the committable's SurrealDB half. */
    public synchronized void done(String committableId) {
        handedOver.remove(committableId);
    }

    /** The stage restored these from its state (and forgets any of an earlier attempt). */
    public synchronized void restore(Collection<String> committableIds) {
        handedOver.clear();
        handedOver.addAll(committableIds);
    }

    /** The ids handed over, in order. */
    public synchronized Set<String> ids() {
        return Set.copyOf(handedOver);
    }
}
