package io.cortexsync.connector.surrealdb.source;

import io.cortexsync.connector.surrealdb.source.record.SurrealChange;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** How often each key of a table reached a job: which committed keys are missing, which came twice. */
final class ReadsPerKey {

    private final Map<String, Integer> reads = new HashMap<>();

    /** The reads of {@code table}'s keys starting with {@code prefix} among {@code collected}. */
    ReadsPerKey(List<SurrealChange> collected, String table, String prefix) {
        for (SurrealChange change : collected) {
            if (change.isSnapshotDone() || !change.table().equals(table)) {
                continue;
            }
            String key = String.valueOf(change.id().key());
            if (key.startsWith(prefix)) {
                reads.merge(key, 1, Integer::sum);
            }
        }
    }

    Set<String> keys() {
        return reads.keySet();
    }

    Set<String> missing(Set<String> committed) {
        Set<String> missing = new TreeSet<>(committed);
        missing.removeAll(reads.keySet());
        return missing;
    }

    Set<String> readTwice() {
        Set<String> twice = new TreeSet<>();
        reads.forEach((key, n) -> {
            if (n > 1) {
                twice.add(key);
            }
        });
        return twice;
    }
}
