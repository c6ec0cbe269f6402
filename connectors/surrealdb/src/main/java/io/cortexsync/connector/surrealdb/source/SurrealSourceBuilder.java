package io.cortexsync.connector.surrealdb.source;

import io.cortexsync.connector.common.builder.BuilderChecks;
import io.cortexsync.connector.surrealdb.SurrealOptions;
import io.cortexsync.connector.surrealdb.client.SurrealConnectionConfig;
import io.cortexsync.connector.surrealdb.source.changes.ChangeFeed;
import io.cortexsync.connector.surrealdb.source.changes.Identifiers;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ReadableConfig;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;

/** Builds a {@link SurrealSource}; defaults are those of {@link SurrealOptions}' source section. */
@PublicEvolving
public final class SurrealSourceBuilder<T> {

    private SurrealConnectionConfig connection;
    private List<String> tables = new ArrayList<>();
    private StartingMode startingMode = SurrealOptions.SOURCE_STARTING_MODE.defaultValue();
    private Long startingVersionstamp;
    private int chunkSize = SurrealOptions.SOURCE_CHUNK_SIZE.defaultValue();
    private List<String> fields = new ArrayList<>();
    private List<String> vectorFields = new ArrayList<>();
    private Duration pollInterval = SurrealOptions.SOURCE_POLL_INTERVAL.defaultValue();
    private int changesPageSize = SurrealOptions.SOURCE_CHANGES_PAGE_SIZE.defaultValue();
    private ExpiredPositionPolicy expiredPositionPolicy = SurrealOptions.SOURCE_EXPIRED_POSITION.defaultValue();
    private String heartbeatTable = SurrealOptions.SOURCE_HEARTBEAT_TABLE.defaultValue();
    private Duration retentionMargin = SurrealOptions.SOURCE_RETENTION_MARGIN.defaultValue();
    private Duration lateCommitHoldBack = SurrealOptions.SOURCE_LATE_COMMIT_HOLD_BACK.defaultValue();
    private SurrealSourceConfig.Clock clock = System::currentTimeMillis;
    private SurrealRecordDeserializer<T> deserializer;

    SurrealSourceBuilder() {}

    /** Where and how to connect. */
    public SurrealSourceBuilder<T> setConnectionConfig(SurrealConnectionConfig connection) {
        this.connection = connection;
        return this;
    }

    /** The tables to read. */
    public SurrealSourceBuilder<T> setTables(String... tables) {
        return setTables(Arrays.asList(tables));
    }

    public SurrealSourceBuilder<T> setTables(List<String> tables) {
        this.tables = new ArrayList<>(tables);
        return this;
    }

    public SurrealSourceBuilder<T> setStartingMode(StartingMode startingMode) {
        this.startingMode = startingMode;
        return this;
    }

    /** Follows the change feed from {@code versionstamp} (inclusive), without a snapshot. */
    public SurrealSourceBuilder<T> setStartingVersionstamp(long versionstamp) {
        this.startingMode = StartingMode.CHANGES_FROM_VERSIONSTAMP;
        this.startingVersionstamp = versionstamp;
        return this;
    }

    /** Records per snapshot chunk (default 1,000). */
    public SurrealSourceBuilder<T> setChunkSize(int chunkSize) {
        this.chunkSize = chunkSize;
        return this;
    }

    /** The fields to read; {@code id} and the vector fields are always read. None: all fields. */
    public SurrealSourceBuilder<T> setFields(String... fields) {
        this.fields = new ArrayList<>(Arrays.asList(fields));
        return this;
    }

    /** Fields to decode as {@code float[]}. */
    public SurrealSourceBuilder<T> setVectorFields(String... vectorFields) {
        this.vectorFields = new ArrayList<>(Arrays.asList(vectorFields));
        return this;
    }

    /** The wait between change feed polls once caught up. */
    public SurrealSourceBuilder<T> setPollInterval(Duration pollInterval) {
        this.pollInterval = pollInterval;
        return this;
    }

    /** Entries per {@code SHOW CHANGES} request: 1 to 1,000, the most the engine returns. */
    public SurrealSourceBuilder<T> setChangesPageSize(int changesPageSize) {
        this.changesPageSize = changesPageSize;
        return this;
    }

    /** What to do when the change feed position is older than the feed keeps. */
    public SurrealSourceBuilder<T> setExpiredPositionPolicy(ExpiredPositionPolicy policy) {
        this.expiredPositionPolicy = policy;
        return this;
    }

    /** The table the source writes its heartbeats to (a plain identifier). */
    public SurrealSourceBuilder<T> setHeartbeatTable(String heartbeatTable) {
        this.heartbeatTable = heartbeatTable;
        return this;
    }

    public SurrealSourceBuilder<T> setRetentionMargin(Duration retentionMargin) {
        this.retentionMargin = retentionMargin;
        return this;
    }

    /**
     * How long after its commit millisecond a change is held back (default 250 ms, at most a minute):
     * SurrealDB 3.x gives a transaction its versionstamp before its commit is visible, so with
     * concurrent writers a change can appear after a later one. Every change waits this long; 0
     * lets changes of concurrent writers be lost.
     */
    public SurrealSourceBuilder<T> setLateCommitHoldBack(Duration lateCommitHoldBack) {
        this.lateCommitHoldBack = lateCommitHoldBack;
        return this;
    }

    /** The wall clock the retention check and the lag metric use (tests move it). */
    public SurrealSourceBuilder<T> setClock(SurrealSourceConfig.Clock clock) {
        this.clock = clock;
        return this;
    }

    public SurrealSourceBuilder<T> setDeserializer(SurrealRecordDeserializer<T> deserializer) {
        this.deserializer = deserializer;
        return this;
    }

    /** Takes the connection and every source option set in {@code config}. */
    public SurrealSourceBuilder<T> setOptions(ReadableConfig config) {
        setConnectionConfig(SurrealOptions.connectionConfig(config));
        config.getOptional(SurrealOptions.SOURCE_TABLES).ifPresent(this::setTables);
        setStartingMode(config.get(SurrealOptions.SOURCE_STARTING_MODE));
        config.getOptional(SurrealOptions.SOURCE_STARTING_VERSIONSTAMP).ifPresent(vs -> startingVersionstamp = vs);
        setChunkSize(config.get(SurrealOptions.SOURCE_CHUNK_SIZE));
        setFields(config.get(SurrealOptions.SOURCE_FIELDS).toArray(new String[0]));
        setVectorFields(config.get(SurrealOptions.SOURCE_VECTOR_FIELDS).toArray(new String[0]));
        setPollInterval(config.get(SurrealOptions.SOURCE_POLL_INTERVAL));
        setChangesPageSize(SurrealOptions.changesPageSize(config));
        setExpiredPositionPolicy(config.get(SurrealOptions.SOURCE_EXPIRED_POSITION));
        setHeartbeatTable(config.get(SurrealOptions.SOURCE_HEARTBEAT_TABLE));
        setRetentionMargin(config.get(SurrealOptions.SOURCE_RETENTION_MARGIN));
        setLateCommitHoldBack(config.get(SurrealOptions.SOURCE_LATE_COMMIT_HOLD_BACK));
        return this;
    }

    public SurrealSource<T> build() {
        sanityCheck();
        return new SurrealSource<>(
                new SurrealSourceConfig(
                        connection,
                        new ArrayList<>(new LinkedHashSet<>(tables)),
                        startingMode,
                        startingVersionstamp == null ? 0L : startingVersionstamp,
                        chunkSize,
                        fields,
                        vectorFields,
                        pollInterval,
                        changesPageSize,
                        expiredPositionPolicy,
                        heartbeatTable,
                        retentionMargin,
                        lateCommitHoldBack,
                        clock),
                deserializer);
    }

    private void sanityCheck() {
        BuilderChecks checks = BuilderChecks.of("SurrealSource")
                .notNull(connection, "setConnectionConfig")
                .check(!tables.isEmpty(), "setTables(...) needs at least one table");
        for (String table : tables) {
            checks.check(table != null && !table.isEmpty(), "setTables(...) holds an empty or null table name");
        }
        checks.notNull(startingMode, "setStartingMode")
                .check(startingMode != StartingMode.CHANGES_FROM_VERSIONSTAMP || startingVersionstamp != null,
                        "starting mode CHANGES_FROM_VERSIONSTAMP needs a position: call setStartingVersionstamp(long)")
                .check(startingVersionstamp == null || startingVersionstamp >= 0,
                        "setStartingVersionstamp(" + startingVersionstamp + "): must not be negative")
                .positive(chunkSize, "setChunkSize");
        for (String field : fields) {
            checks.check(Identifiers.isPlain(field),
                    "setFields(...) takes plain identifiers ([A-Za-z_][A-Za-z0-9_]*); '" + field + "' is not one");
        }
        for (String field : vectorFields) {
            checks.check(Identifiers.isPlain(field),
                    "setVectorFields(...) takes plain identifiers ([A-Za-z_][A-Za-z0-9_]*); '" + field + "' is not one");
        }
        checks.positive(pollInterval, "setPollInterval")
                .positive(changesPageSize, "setChangesPageSize")
                .check(changesPageSize <= ChangeFeed.MAX_PAGE_SIZE, "setChangesPageSize(" + changesPageSize
                        + "): at most " + ChangeFeed.MAX_PAGE_SIZE + ", the most entries SHOW CHANGES returns")
                .notNull(expiredPositionPolicy, "setExpiredPositionPolicy")
                .check(Identifiers.isPlain(heartbeatTable), "setHeartbeatTable(...) takes a plain identifier "
                        + "([A-Za-z_][A-Za-z0-9_]*); '" + heartbeatTable + "' is not one")
                .check(!tables.contains(heartbeatTable), "setHeartbeatTable(...) must not be one of the tables read")
                .notNegative(retentionMargin, "setRetentionMargin")
                .notNegative(lateCommitHoldBack, "setLateCommitHoldBack")
                .check(lateCommitHoldBack == null || lateCommitHoldBack.compareTo(Duration.ofMinutes(1)) <= 0,
                        "setLateCommitHoldBack(" + lateCommitHoldBack + "): at most a minute; every change waits this long")
                .notNull(clock, "setClock")
                .check(deserializer != null,
                        "setDeserializer(...) is required, e.g. SurrealRecordDeserializer.changes()");
    }
}
