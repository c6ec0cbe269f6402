package io.cortexsync.connector.surrealdb;

import io.cortexsync.connector.common.config.OptionKeys;
import io.cortexsync.connector.surrealdb.client.SurrealConnectionConfig;
import io.cortexsync.connector.surrealdb.source.ExpiredPositionPolicy;
import io.cortexsync.connector.surrealdb.source.StartingMode;
import io.cortexsync.connector.surrealdb.source.changes.ChangeFeed;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.ReadableConfig;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Every option of the SurrealDB connector, as Flink {@link ConfigOption}s: how to connect, how the
 * source reads and how the sink writes. Jobs read them from a Flink configuration or YAML; the
 * source and sink builders take the same settings as typed setters. Keys follow {@link
 * OptionKeys}, named as the Qdrant connector's are; the keys of earlier releases still read.
 */
@PublicEvolving
public final class SurrealOptions {

    private SurrealOptions() {}

    /** How requests authenticate. */
    public enum AuthMode {
        /** {@code Authorization: Basic} on every request. */
        BASIC,
        /** {@code signin} once, then the token as Bearer, renewed when refused. */
        SIGNIN,
        /** A token given in {@link #TOKEN}, used as it is. */
        TOKEN,
        /** No credentials (a guest). */
        NONE
    }

    // ---------------------------------------------------------------- connection

    public static final ConfigOption<String> URL =
            ConfigOptions.key("surrealdb.url")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("Base URL of the SurrealDB server, e.g. http://127.0.0.1:8000 or https://db.example:8000.");

    public static final ConfigOption<String> NAMESPACE =
            ConfigOptions.key("surrealdb.namespace")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("Namespace, sent as the surreal-ns header on every request.");

    public static final ConfigOption<String> DATABASE =
            ConfigOptions.key("surrealdb.database")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("Database, sent as the surreal-db header on every request.");

    public static final ConfigOption<AuthMode> AUTH_MODE =
            ConfigOptions.key("surrealdb.auth.mode")
                    .enumType(AuthMode.class)
                    .defaultValue(AuthMode.BASIC)
                    .withDescription("How requests authenticate: BASIC, SIGNIN (token from signin), TOKEN or NONE.");

    public static final ConfigOption<String> USERNAME =
            ConfigOptions.key("surrealdb.username")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("User for BASIC and SIGNIN authentication.");

    public static final ConfigOption<String> PASSWORD =
            ConfigOptions.key("surrealdb.password")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("Password for BASIC and SIGNIN authentication. Never logged.");

    public static final ConfigOption<String> TOKEN =
            ConfigOptions.key("surrealdb.token")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("Token for TOKEN authentication. Never logged.");

    public static final ConfigOption<String> TRUST_STORE_PATH =
            ConfigOptions.key("surrealdb.tls.trust-store.path")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("Trust store for https; the JVM's default trust is used when unset.");

    public static final ConfigOption<String> TRUST_STORE_PASSWORD =
            ConfigOptions.key("surrealdb.tls.trust-store.password")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("Password of the trust store. Never logged.");

    public static final ConfigOption<String> TRUST_STORE_TYPE =
            ConfigOptions.key("surrealdb.tls.trust-store.type")
                    .stringType()
                    .defaultValue("PKCS12")
                    .withDescription("Type of the trust store (PKCS12 or JKS).");

    public static final ConfigOption<Duration> CONNECT_TIMEOUT =
            ConfigOptions.key("surrealdb.connect-timeout")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(10))
                    .withDescription("Timeout to open a connection.");

    public static final ConfigOption<Duration> REQUEST_TIMEOUT =
            ConfigOptions.key("surrealdb.request-timeout")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(60))
                    .withDescription("Timeout of one RPC request, from sending to the whole reply.");

    public static final ConfigOption<Integer> MAX_RETRIES =
            ConfigOptions.key("surrealdb.max-retries")
                    .intType()
                    .defaultValue(4)
                    .withDescription("Retries of an idempotent request that failed in transport or with a 5xx "
                            + "(0 = no retry). The earlier surrealdb.retry.max-attempts, which counted the first "
                            + "attempt too, still reads as one more than this.");

    /** The key of earlier releases, attempts rather than retries: read by {@link #connectionConfig}. */
    private static final ConfigOption<Integer> DEPRECATED_RETRY_MAX_ATTEMPTS =
            ConfigOptions.key("surrealdb.retry.max-attempts").intType().noDefaultValue();

    public static final ConfigOption<Duration> INITIAL_BACKOFF =
            ConfigOptions.key("surrealdb.initial-backoff")
                    .durationType()
                    .defaultValue(Duration.ofMillis(100))
                    .withDeprecatedKeys("surrealdb.retry.initial-backoff")
                    .withDescription("Wait before the first retry; it doubles per retry, with jitter.");

    public static final ConfigOption<Duration> MAX_BACKOFF =
            ConfigOptions.key("surrealdb.max-backoff")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(10))
                    .withDeprecatedKeys("surrealdb.retry.max-backoff")
                    .withDescription("Longest wait before a retry.");

    public static final ConfigOption<Integer> MAX_REQUEST_BYTES =
            ConfigOptions.key("surrealdb.max-request-bytes")
                    .intType()
                    .defaultValue(SurrealConnectionConfig.DEFAULT_MAX_REQUEST_BYTES)
                    .withDeprecatedKeys("surrealdb.request.max-bytes")
                    .withDescription("Largest RPC request body; batches are split below it (the server refuses more than 4 MiB by default).");

    // ---------------------------------------------------------------- source

    public static final ConfigOption<List<String>> SOURCE_TABLES =
            ConfigOptions.key("surrealdb.source.tables")
                    .stringType()
                    .asList()
                    .noDefaultValue()
                    .withDescription("Tables the source reads (one or more).");

    public static final ConfigOption<StartingMode> SOURCE_STARTING_MODE =
            ConfigOptions.key("surrealdb.source.starting-mode")
                    .enumType(StartingMode.class)
                    .defaultValue(StartingMode.SNAPSHOT_THEN_CHANGES)
                    .withDescription("SNAPSHOT_ONLY (bounded), SNAPSHOT_THEN_CHANGES, CHANGES_FROM_NOW or"
                            + " CHANGES_FROM_VERSIONSTAMP (with surrealdb.source.starting-versionstamp).");

    public static final ConfigOption<Long> SOURCE_STARTING_VERSIONSTAMP =
            ConfigOptions.key("surrealdb.source.starting-versionstamp")
                    .longType()
                    .noDefaultValue()
                    .withDescription("First versionstamp read in CHANGES_FROM_VERSIONSTAMP mode (inclusive).");

    public static final ConfigOption<Integer> SOURCE_CHUNK_SIZE =
            ConfigOptions.key("surrealdb.source.chunk-size")
                    .intType()
                    .defaultValue(1000)
                    .withDescription("Records per snapshot chunk; raised for tables of more than 2,000 chunks.");

    public static final ConfigOption<List<String>> SOURCE_FIELDS =
            ConfigOptions.key("surrealdb.source.fields")
                    .stringType()
                    .asList()
                    .defaultValues()
                    .withDescription("Fields to read (plain identifiers); empty reads all. id and the vector fields are always read.");

    public static final ConfigOption<List<String>> SOURCE_VECTOR_FIELDS =
            ConfigOptions.key("surrealdb.source.vector-fields")
                    .stringType()
                    .asList()
                    .defaultValues()
                    .withDescription("Fields decoded as float[] (vectors).");

    public static final ConfigOption<Duration> SOURCE_POLL_INTERVAL =
            ConfigOptions.key("surrealdb.source.poll-interval")
                    .durationType()
                    .defaultValue(Duration.ofMillis(500))
                    .withDescription("Wait between change feed polls once caught up.");

    public static final ConfigOption<Integer> SOURCE_CHANGES_PAGE_SIZE =
            ConfigOptions.key("surrealdb.source.changes-page-size")
                    .intType()
                    .defaultValue(100)
                    .withDeprecatedKeys("surrealdb.source.changes.page-size")
                    .withDescription("Entries per SHOW CHANGES request at most: 1 to 1000, the most the engine returns. The"
                            + " stream asks for fewer when transactions are large (about 500 changes a page): the engine's"
                            + " time per change grows with the page.");

    public static final ConfigOption<ExpiredPositionPolicy> SOURCE_EXPIRED_POSITION =
            ConfigOptions.key("surrealdb.source.expired-position")
                    .enumType(ExpiredPositionPolicy.class)
                    .defaultValue(ExpiredPositionPolicy.FAIL)
                    .withDescription("When the change feed position is older than the retention: FAIL, or RESNAPSHOT.");

    public static final ConfigOption<String> SOURCE_HEARTBEAT_TABLE =
            ConfigOptions.key("surrealdb.source.heartbeat-table")
                    .stringType()
                    .defaultValue("cortexsync_heartbeat")
                    .withDescription("Table the source writes heartbeats to (created with a change feed if missing);"
                            + " they mark the change feed position around each snapshot chunk.");

    public static final ConfigOption<Duration> SOURCE_RETENTION_MARGIN =
            ConfigOptions.key("surrealdb.source.retention-margin")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(1))
                    .withDescription("A position this close to the change feed retention counts as expired (at most a tenth of the retention).");

    public static final ConfigOption<Duration> SOURCE_LATE_COMMIT_HOLD_BACK =
            ConfigOptions.key("surrealdb.source.late-commit-hold-back")
                    .durationType()
                    .defaultValue(Duration.ofMillis(250))
                    .withDescription("How long after its commit millisecond a change is held back (0 to 1 min). SurrealDB 3.x"
                            + " gives a transaction its versionstamp before its commit is visible, so with concurrent writers"
                            + " a change can appear after a later one; the stream passes no change younger than this."
                            + " Adds up to this much latency to every change.");

    // ---------------------------------------------------------------- sink

    public static final ConfigOption<Integer> SINK_BATCH_SIZE =
            ConfigOptions.key("surrealdb.sink.batch-size")
                    .intType()
                    .defaultValue(500)
                    .withDeprecatedKeys("surrealdb.sink.batch.size")
                    .withDescription("Records the sink buffers before it writes them as one transaction.");

    public static final ConfigOption<org.apache.flink.configuration.MemorySize> SINK_MAX_BATCH_BYTES =
            ConfigOptions.key("surrealdb.sink.max-batch-bytes")
                    .memoryType()
                    .defaultValue(org.apache.flink.configuration.MemorySize.parse("3mb"))
                    .withDeprecatedKeys("surrealdb.sink.batch.max-bytes")
                    .withDescription("Encoded bytes the sink buffers before it writes them; kept below "
                            + "surrealdb.max-request-bytes so that a batch is one request and one transaction.");

    public static final ConfigOption<Duration> SINK_MAX_BUFFERED_TIME =
            ConfigOptions.key("surrealdb.sink.max-buffered-time")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(1))
                    .withDeprecatedKeys("surrealdb.sink.flush-interval")
                    .withDescription("Longest time a record waits in the sink's buffer; 0 writes only when a batch "
                            + "is full, at checkpoints and at the end of input.");

    public static final ConfigOption<Boolean> SINK_VERSION_GUARD_ENABLED =
            ConfigOptions.key("surrealdb.sink.version-guard.enabled")
                    .booleanType()
                    .defaultValue(false)
                    .withDescription("Apply a write only when its version is newer than the stored record's; "
                            + "an older one becomes a CONFLICT outcome.");

    public static final ConfigOption<String> SINK_VERSION_GUARD_FIELD =
            ConfigOptions.key("surrealdb.sink.version-guard.field")
                    .stringType()
                    .defaultValue("version")
                    .withDescription("The record field holding the version the guard compares (an identifier: "
                            + "letters, digits and '_', not starting with a digit).");

    public static final ConfigOption<Integer> SINK_CONFLICT_MAX_RETRIES =
            ConfigOptions.key("surrealdb.sink.max-conflict-retries")
                    .intType()
                    .defaultValue(5)
                    .withDeprecatedKeys("surrealdb.sink.conflict.max-retries")
                    .withDescription("Retries of a batch whose transaction met a conflict with a concurrent one.");

    // ---------------------------------------------------------------- conversion

    /** The connection settings of {@code config}; fails naming the option that is missing or wrong. */
    public static SurrealConnectionConfig connectionConfig(ReadableConfig config) {
        SurrealConnectionConfig.Builder builder =
                SurrealConnectionConfig.builder()
                        .url(required(config, URL))
                        .namespace(required(config, NAMESPACE))
                        .database(required(config, DATABASE))
                        .connectTimeout(config.get(CONNECT_TIMEOUT))
                        .requestTimeout(config.get(REQUEST_TIMEOUT))
                        .retry(maxAttempts(config), config.get(INITIAL_BACKOFF), config.get(MAX_BACKOFF))
                        .maxRequestBytes(config.get(MAX_REQUEST_BYTES));
        switch (config.get(AUTH_MODE)) {
            case BASIC:
                builder.basicAuth(required(config, USERNAME), required(config, PASSWORD));
                break;
            case SIGNIN:
                builder.signin(required(config, USERNAME), required(config, PASSWORD));
                break;
            case TOKEN:
                builder.token(required(config, TOKEN));
                break;
            case NONE:
                break;
            default:
                throw new IllegalArgumentException("unknown " + AUTH_MODE.key());
        }
        config.getOptional(TRUST_STORE_PATH)
                .ifPresent(path -> builder.trustStore(
                        path,
                        config.getOptional(TRUST_STORE_PASSWORD).orElse(null),
                        config.get(TRUST_STORE_TYPE).toUpperCase(Locale.ROOT)));
        return builder.build();
    }

    /** {@link #SOURCE_CHANGES_PAGE_SIZE} of {@code config}; fails naming the option when it is out of 1..1000. */
    public static int changesPageSize(ReadableConfig config) {
        int size = config.get(SOURCE_CHANGES_PAGE_SIZE);
        if (size < 1 || size > ChangeFeed.MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("The SurrealDB option '" + SOURCE_CHANGES_PAGE_SIZE.key() + "' is " + size
                    + ": it takes 1 to " + ChangeFeed.MAX_PAGE_SIZE + ", the most entries SHOW CHANGES returns");
        }
        return size;
    }

    /** The first attempt plus {@link #MAX_RETRIES}, or the deprecated key's attempts when only it is set. */
    private static int maxAttempts(ReadableConfig config) {
        return config.getOptional(MAX_RETRIES)
                .map(retries -> retries + 1)
                .or(() -> config.getOptional(DEPRECATED_RETRY_MAX_ATTEMPTS))
                .orElse(MAX_RETRIES.defaultValue() + 1);
    }

    private static String required(ReadableConfig config, ConfigOption<String> option) {
        return config.getOptional(option)
                .filter(value -> !value.isBlank())
                .orElseThrow(() -> new IllegalArgumentException(
                        "The SurrealDB option " + OptionKeys.missing(option)));
    }
}
