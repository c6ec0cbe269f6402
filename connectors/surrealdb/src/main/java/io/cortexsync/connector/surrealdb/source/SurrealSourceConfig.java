package io.cortexsync.connector.surrealdb.source;

import io.cortexsync.connector.surrealdb.client.SurrealConnectionConfig;

import org.apache.flink.annotation.Internal;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongSupplier;

/** The settings a {@link SurrealSource} hands to its enumerator and readers; built by its builder. */
@Internal
public final class SurrealSourceConfig implements Serializable {

    private static final long serialVersionUID = 1L;

    /** A wall clock in epoch milliseconds that can be shipped to the cluster (tests inject their own). */
    public interface Clock extends LongSupplier, Serializable {}

    private final SurrealConnectionConfig connection;
    private final List<String> tables;
    private final StartingMode startingMode;
    private final long startingVersionstamp;
    private final int chunkSize;
    private final List<String> fields;
    private final List<String> vectorFields;
    private final Duration pollInterval;
    private final int changePageSize;
    private final ExpiredPositionPolicy expiredPositionPolicy;
    private final String heartbeatTable;
    private final Duration retentionMargin;
    private final Duration lateCommitHoldBack;
    private final Clock clock;

    SurrealSourceConfig(
            SurrealConnectionConfig connection,
            List<String> tables,
            StartingMode startingMode,
            long startingVersionstamp,
            int chunkSize,
            List<String> fields,
            List<String> vectorFields,
            Duration pollInterval,
            int changePageSize,
            ExpiredPositionPolicy expiredPositionPolicy,
            String heartbeatTable,
            Duration retentionMargin,
            Duration lateCommitHoldBack,
            Clock clock) {
        this.connection = Objects.requireNonNull(connection);
        this.tables = List.copyOf(tables);
        this.startingMode = Objects.requireNonNull(startingMode);
        this.startingVersionstamp = startingVersionstamp;
        this.chunkSize = chunkSize;
        this.fields = List.copyOf(fields);
        this.vectorFields = List.copyOf(vectorFields);
        this.pollInterval = Objects.requireNonNull(pollInterval);
        this.changePageSize = changePageSize;
        this.expiredPositionPolicy = Objects.requireNonNull(expiredPositionPolicy);
        this.heartbeatTable = Objects.requireNonNull(heartbeatTable);
        this.retentionMargin = Objects.requireNonNull(retentionMargin);
        this.lateCommitHoldBack = Objects.requireNonNull(lateCommitHoldBack);
        this.clock = Objects.requireNonNull(clock);
    }

    public SurrealConnectionConfig connection() {
        return connection;
    }

    public List<String> tables() {
        return tables;
    }

    public StartingMode startingMode() {
        return startingMode;
    }

    /** The first versionstamp read in {@link StartingMode#CHANGES_FROM_VERSIONSTAMP}. */
    public long startingVersionstamp() {
        return startingVersionstamp;
    }

    public boolean readsSnapshot() {
        return startingMode == StartingMode.SNAPSHOT_ONLY || startingMode == StartingMode.SNAPSHOT_THEN_CHANGES;
    }

    public boolean readsChanges() {
        return startingMode != StartingMode.SNAPSHOT_ONLY;
    }

    public int chunkSize() {
        return chunkSize;
    }

    /** The projected fields (empty: all fields); {@code id} and the vector fields are always read. */
    public List<String> fields() {
        return fields;
    }

    public List<String> vectorFields() {
        return vectorFields;
    }

    /** The projection as SurrealQL: {@code *} or the validated field names, id first. */
    public String projection() {
        if (fields.isEmpty()) {
            return "*";
        }
        Set<String> names = new LinkedHashSet<>();
        names.add("id");
        names.addAll(fields);
        names.addAll(vectorFields);
        return String.join(", ", new ArrayList<>(names));
    }

    public Duration pollInterval() {
        return pollInterval;
    }

    /** Entries per {@code SHOW CHANGES} page. */
    public int changePageSize() {
        return changePageSize;
    }

    public ExpiredPositionPolicy expiredPositionPolicy() {
        return expiredPositionPolicy;
    }

    /** The table whose change feed entries bracket every snapshot chunk (written by the source). */
    public String heartbeatTable() {
        return heartbeatTable;
    }

    /** How close to the retention limit a position may get before it counts as expired. */
    public Duration retentionMargin() {
        return retentionMargin;
    }

    /** How long after its versionstamp's millisecond a change is held back, for transactions still committing below it. */
    public Duration lateCommitHoldBack() {
        return lateCommitHoldBack;
    }

    public Clock clock() {
        return clock;
    }
}
