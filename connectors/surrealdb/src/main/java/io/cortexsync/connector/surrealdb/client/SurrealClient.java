package io.cortexsync.connector.surrealdb.client;

import org.apache.flink.annotation.PublicEvolving;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A SurrealDB client speaking RPC over HTTP with CBOR bodies. Thread-safe: one instance serves
 * many threads at once over pooled keep-alive connections.
 *
 * <p>Values are always bound as variables and never written into SurrealQL text. Every
 * statement's status is checked: an {@code ERR} raises {@link SurrealStatementException} unless
 * {@link QueryOptions#rawResults()} asks for the raw results. Calls marked idempotent are retried
 * with backoff after transport failures and 5xx replies; others never are. {@link #select},
 * {@link #upsert} and {@link #delete} also run again after a transaction conflict, which SurrealDB
 * asks its clients to retry.
 */
@PublicEvolving
public final class SurrealClient implements AutoCloseable {

    private static final QueryOptions IDEMPOTENT = QueryOptions.DEFAULTS.withIdempotent(true);

    private final SurrealConnectionConfig config;
    private final RpcTransport transport;
    private final RequestSizer sizer;

    private SurrealClient(SurrealConnectionConfig config) {
        this.config = config;
        this.transport = new RpcTransport(config);
        this.sizer = new RequestSizer(config.maxRequestBytes());
    }

    /** A client for {@code config}; no request is sent until the first call. */
    public static SurrealClient create(SurrealConnectionConfig config) {
        return new SurrealClient(config);
    }

    public SurrealConnectionConfig config() {
        return config;
    }

    /** Runs SurrealQL with its variables; not retried, statuses checked. */
    public List<StatementResult> query(String sql, Map<String, ?> vars) {
        return query(sql, vars, QueryOptions.DEFAULTS);
    }

    public List<StatementResult> query(String sql, Map<String, ?> vars, QueryOptions options) {
        byte[] body = vars == null || vars.isEmpty()
                ? RpcMessages.request("query", sql)
                : RpcMessages.request("query", sql, vars);
        Object reply = transport.rpc("query", body, options.idempotent(), options.floatArrayFields());
        return StatementResults.checked(StatementResults.parse(reply, 0), options.rawResults());
    }

    /** {@link #transaction(List, QueryOptions)} with the defaults: not retried, statuses checked. */
    public List<StatementResult> transaction(List<Statement> statements) {
        return transaction(statements, QueryOptions.DEFAULTS);
    }

    /**
     * Runs the statements as one transaction ({@code BEGIN; ...; COMMIT;}) in one request.
     *
     * @throws SurrealRequestTooLargeException when they do not fit one request
     */
    public List<StatementResult> transaction(List<Statement> statements, QueryOptions options) {
        return run(sizer.single(statements), options);
    }

    /** {@link #queryBatch(List, QueryOptions)} with the defaults: not retried, statuses checked. */
    public List<StatementResult> queryBatch(List<Statement> statements) {
        return queryBatch(statements, QueryOptions.DEFAULTS);
    }

    /**
     * Runs the statements in order, as consecutive transactions each as large as the request
     * size limit allows; a failure stops at the failed transaction (the earlier ones stay
     * committed).
     */
    public List<StatementResult> queryBatch(List<Statement> statements, QueryOptions options) {
        List<StatementResult> results = new ArrayList<>(statements.size());
        for (StatementBatch batch : sizer.split(statements)) {
            results.addAll(run(batch, options));
        }
        return results;
    }

    /** Runs one batch made by {@link #requestSizer()}. */
    public List<StatementResult> run(StatementBatch batch, QueryOptions options) {
        Object reply = transport.rpc("query", batch.body(), options.idempotent(), options.floatArrayFields());
        if (reply instanceof List && ((List<?>) reply).size() < batch.statements().size()) {
            throw cutShort(batch, ((List<?>) reply).size());
        }
        return StatementResults.ofTransaction(reply, batch.statements().size(), batch.firstIndex(), options.rawResults());
    }

    /**
     * Fewer results than statements: SurrealDB 2.x ends a transaction at a top-level {@code
     * RETURN}, committing the statements before it without their results and skipping those after.
     */
    private SurrealException cutShort(StatementBatch batch, int answered) {
        String server;
        try {
            server = version();
        } catch (SurrealException e) {
            server = "a server of unknown version";
        }
        return new SurrealException("a transaction of " + batch.statements().size() + " statements (from index "
                + batch.firstIndex() + ") returned " + answered + " results on " + server
                + ": SurrealDB 2.x ends a transaction at a RETURN statement, committing the statements before it"
                + " and skipping those after; keep RETURN out of transactions on 2.x");
    }

    /** The record, or empty when it does not exist. Retried: reading is idempotent. */
    public Optional<Map<String, Object>> select(SurrealRecordId id) {
        List<Map<String, Object>> records = retryingConflicts("SELECT * FROM $id", Map.of("id", id)).get(0).records();
        return records.isEmpty() ? Optional.empty() : Optional.of(records.get(0));
    }

    /** Replaces the record's content, creating it if needed; returns it as stored. Idempotent. */
    public Map<String, Object> upsert(SurrealRecordId id, Map<String, ?> content) {
        List<Map<String, Object>> records =
                retryingConflicts("UPSERT $id CONTENT $content RETURN AFTER", Map.of("id", id, "content", content))
                        .get(0).records();
        if (records.isEmpty()) {
            throw new SurrealException("UPSERT of " + id + " returned no record");
        }
        return records.get(0);
    }

    /** Deletes the record; returns whether it existed. Idempotent. */
    public boolean delete(SurrealRecordId id) {
        return !retryingConflicts("DELETE $id RETURN BEFORE", Map.of("id", id)).get(0).resultList().isEmpty();
    }

    /**
     * One idempotent statement, run again after a transaction conflict: SurrealDB commits
     * optimistically, and a statement that met a concurrent write to the same record committed
     * nothing. Attempts and backoff are those of the transport's retries.
     */
    private List<StatementResult> retryingConflicts(String sql, Map<String, ?> vars) {
        for (int attempt = 1; ; attempt++) {
            try {
                return query(sql, vars, IDEMPOTENT);
            } catch (SurrealStatementException e) {
                if (!SurrealFailures.isTransactionConflict(e) || attempt >= config.retryMaxAttempts()) {
                    throw e;
                }
                transport.pauseBeforeRetry(sql, attempt, e);
            }
        }
    }

    /** Signs in with the configured user and password and returns the token. */
    public String signin() {
        if (config.user().isEmpty()) {
            throw new IllegalStateException("signin needs basicAuth(...) or signin(...) in the configuration");
        }
        return transport.signinForToken();
    }

    /** The server's version, e.g. {@code surrealdb-3.0.2}. */
    public String version() {
        return transport.get("/version");
    }

    /** Returns when the server and its storage are healthy; throws otherwise. */
    public void health() {
        transport.get("/health");
    }

    /** The splitter this client uses, with its request size limit. */
    public RequestSizer requestSizer() {
        return sizer;
    }

    public SurrealClientMetrics metrics() {
        return transport.metrics();
    }

    @Override
    public void close() {
        transport.close();
    }

    /** Reads {@code value} (a float[] or a list of numbers) as a float[]; null stays null. */
    public static float[] toFloatArray(Object value) {
        if (value == null || value instanceof float[]) {
            return (float[]) value;
        }
        if (!(value instanceof List)) {
            throw new IllegalArgumentException("not an array of numbers: " + value.getClass().getSimpleName());
        }
        List<?> list = (List<?>) value;
        float[] floats = new float[list.size()];
        for (int i = 0; i < floats.length; i++) {
            if (!(list.get(i) instanceof Number)) {
                throw new IllegalArgumentException("element " + i + " is not a number: " + list.get(i));
            }
            floats[i] = ((Number) list.get(i)).floatValue();
        }
        return floats;
    }
}
