package io.cortexsync.connector.surrealdb.source.changes;

import org.apache.flink.annotation.Internal;

import java.util.List;

/**
 * One entry of {@code SHOW CHANGES}: the changes one transaction made to one table, under the
 * transaction's versionstamp.
 *
 * @param versionstamp the commit's versionstamp ((unix ms &lt;&lt; 16) | counter)
 * @param changes the changes in statement order; table definitions appear as {@link FeedChange.Kind#OTHER}
 */
@Internal
public record FeedEntry(long versionstamp, List<FeedChange> changes) {

    public FeedEntry {
        changes = List.copyOf(changes);
    }
}
