package io.cortexsync.connector.surrealdb.source;

import io.cortexsync.connector.surrealdb.SurrealOptions;
import io.cortexsync.connector.surrealdb.client.SurrealConnectionConfig;
import io.cortexsync.connector.surrealdb.source.changes.Identifiers;

import org.apache.flink.configuration.ReadableConfig;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;

/** Builds a {@link SurrealSource}; defaults are those of {@link SurrealOptions}' source section. */
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
    private SurrealSourceConfig.Clock clock = System::currentTimeMillis;
    private SurrealRecordDeserializer<T> deserializer;

    SurrealSourceBuilder() {}

    /** Where and how to connect. */
    public SurrealSourceBuilder<T> connection(SurrealConnectionConfig connection) {
        this.connection = connection;
        return this;
    }

    /** The tables to read. */
    public SurrealSourceBuilder<T> tables(String... tables) {
        return tables(Arrays.asList(tables));
    }

    public SurrealSourceBuilder<T> tables(List<String> tables) {
        this.tables = new ArrayList<>(tables);
        return this;
    }

    public SurrealSourceBuilder<T> startingMode(StartingMode startingMode) {
        this.startingMode = startingMode;
        return this;
    }

    /** Follows the change feed from {@code versionstamp} (inclusive), without a snapshot. */
    public SurrealSourceBuilder<T> startFromVersionstamp(long versionstamp) {
        this.startingMode = StartingMode.CHANGES_FROM_VERSIONSTAMP;
        this.startingVersionstamp = versionstamp;
        return this;
    }

    /** Records per snapshot chunk (default 1,000). */
    public SurrealSourceBuilder<T> chunkSize(int chunkSize) {
        this.chunkSize = chunkSize;
        return this;
    }

    /** The fields to read; {@code id} and the vector fields are always read. None: all fields. */
    public SurrealSourceBuilder<T> fields(String... fields) {
        this.fields = new ArrayList<>(Arrays.asList(fields));
        return this;
    }

    /** Fields to decode as {@code float[]}. */
    public SurrealSourceBuilder<T> vectorFields(String... vectorFields) {
        this.vectorFields = new ArrayList<>(Arrays.asList(vectorFields));
        return this;
    }

    /** The wait between change feed polls once caught up. */
    public SurrealSourceBuilder<T> pollInterval(Duration pollInterval) {
        this.pollInterval = pollInterval;
        return this;
    }

    /** Entries per {@code SHOW CHANGES} request. */
    public SurrealSourceBuilder<T> changesPageSize(int changesPageSize) {
        this.changesPageSize = changesPageSize;
        return this;
    }

    /** What to do when the change feed position is older than the feed keeps. */
    public SurrealSourceBuilder<T> expiredPositionPolicy(ExpiredPositionPolicy policy) {
        this.expiredPositionPolicy = policy;
        return this;
    }

    /** The table the source writes its heartbeats to (a plain identifier). */
    public SurrealSourceBuilder<T> heartbeatTable(String heartbeatTable) {
        this.heartbeatTable = heartbeatTable;
        return this;
    }

    public SurrealSourceBuilder<T> retentionMargin(Duration retentionMargin) {
        this.retentionMargin = retentionMargin;
        return this;
    }

    /** The wall clock the retention check and the lag metric use (tests move it). */
    public SurrealSourceBuilder<T> clock(SurrealSourceConfig.Clock clock) {
        this.clock = clock;
        return this;
    }

    public SurrealSourceBuilder<T> deserializer(SurrealRecordDeserializer<T> deserializer) {
        this.deserializer = deserializer;
        return this;
    }

    /** Takes the connection and every source option set in {@code config}. */
    public SurrealSourceBuilder<T> configure(ReadableConfig config) {
        connection(SurrealOptions.connectionConfig(config));
        config.getOptional(SurrealOptions.SOURCE_TABLES).ifPresent(this::tables);
        startingMode(config.get(SurrealOptions.SOURCE_STARTING_MODE));
        config.getOptional(SurrealOptions.SOURCE_STARTING_VERSIONSTAMP).ifPresent(vs -> startingVersionstamp = vs);
        chunkSize(config.get(SurrealOptions.SOURCE_CHUNK_SIZE));
        fields(config.get(SurrealOptions.SOURCE_FIELDS).toArray(new String[0]));
        vectorFields(config.get(SurrealOptions.SOURCE_VECTOR_FIELDS).toArray(new String[0]));
        pollInterval(config.get(SurrealOptions.SOURCE_POLL_INTERVAL));
        changesPageSize(config.get(SurrealOptions.SOURCE_CHANGES_PAGE_SIZE));
        expiredPositionPolicy(config.get(SurrealOptions.SOURCE_EXPIRED_POSITION));
        heartbeatTable(config.get(SurrealOptions.SOURCE_HEARTBEAT_TABLE));
        retentionMargin(config.get(SurrealOptions.SOURCE_RETENTION_MARGIN));
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
                        clock),
                deserializer);
    }

    private void sanityCheck() {
        require(connection != null, "No connection set: call connection(SurrealConnectionConfig).");
        require(!tables.isEmpty(), "No table set: call tables(...) with at least one table.");
        for (String table : tables) {
            require(table != null && !table.isEmpty(), "tables(...) holds an empty or null table name.");
        }
        require(startingMode != null, "startingMode(...) must not be null.");
        require(startingMode != StartingMode.CHANGES_FROM_VERSIONSTAMP || startingVersionstamp != null,
                "Starting mode CHANGES_FROM_VERSIONSTAMP needs a position: call startFromVersionstamp(long).");
        require(startingVersionstamp == null || startingVersionstamp >= 0,
                "startFromVersionstamp(...) takes a non-negative versionstamp, not " + startingVersionstamp + ".");
        require(chunkSize > 0, "chunkSize(...) must be positive, not " + chunkSize + ".");
        for (String field : fields) {
            require(Identifiers.isPlain(field),
                    "fields(...) takes plain identifiers ([A-Za-z_][A-Za-z0-9_]*); '" + field + "' is not one.");
        }
        for (String field : vectorFields) {
            require(Identifiers.isPlain(field),
                    "vectorFields(...) takes plain identifiers ([A-Za-z_][A-Za-z0-9_]*); '" + field + "' is not one.");
        }
        require(pollInterval != null && !pollInterval.isNegative() && !pollInterval.isZero(),
                "pollInterval(...) must be a positive duration.");
        require(changesPageSize > 0, "changesPageSize(...) must be positive, not " + changesPageSize + ".");
        require(expiredPositionPolicy != null, "expiredPositionPolicy(...) must not be null.");
        require(Identifiers.isPlain(heartbeatTable),
                "heartbeatTable(...) takes a plain identifier ([A-Za-z_][A-Za-z0-9_]*); '" + heartbeatTable + "' is not one.");
        require(!tables.contains(heartbeatTable), "heartbeatTable(...) must not be one of the tables read.");
        require(retentionMargin != null && !retentionMargin.isNegative(), "retentionMargin(...) must not be negative.");
        require(clock != null, "clock(...) must not be null.");
        require(deserializer != null,
                "No deserializer set: call deserializer(...), e.g. SurrealRecordDeserializer.changes().");
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
