package io.cortexsync.connector.surrealdb.sink.internal;

import io.cortexsync.connector.surrealdb.client.QueryOptions;
import io.cortexsync.connector.surrealdb.client.Statement;
import io.cortexsync.connector.surrealdb.client.StatementBatch;
import io.cortexsync.connector.surrealdb.client.StatementResult;
import io.cortexsync.connector.surrealdb.client.SurrealClient;
import io.cortexsync.connector.surrealdb.client.SurrealException;
import io.cortexsync.connector.surrealdb.client.SurrealRequestTooLargeException;
import io.cortexsync.connector.surrealdb.client.SurrealStatementException;
import io.cortexsync.connector.surrealdb.sink.SurrealSinkOutcome;
import io.cortexsync.connector.surrealdb.sink.SurrealWrite;
import io.cortexsync.schema.model.SyncEvent;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Writes one batch: as one transaction per request (several only when the batch is larger than a
 * request may be), each retried while it meets transaction conflicts. Upserts and deletes by id
 * are idempotent, so the client may also resend a request after a transport failure.
 *
 * <p>A write too large for any request is set aside as a dead letter and the rest is written. A
 * delete whose table does not exist has nothing to do and is set aside too. Any other failure is
 * thrown: the job restarts from its last checkpoint and writes the batch again.
 */
public final class BatchWriter {

    private static final QueryOptions IDEMPOTENT = QueryOptions.DEFAULTS.withIdempotent(true);
    private static final int READS_PER_QUERY = 500;

    private final SurrealClient client;
    private final WriteStatements statements;
    private final WriteSettings settings;
    private final WriterMetrics metrics;

    public BatchWriter(SurrealClient client, WriteStatements statements, WriteSettings settings, WriterMetrics metrics) {
        this.client = client;
        this.statements = statements;
        this.settings = settings;
        this.metrics = metrics;
    }

    /** Writes {@code batch} and returns the outcome of each of its writes. */
    public List<SurrealSinkOutcome> write(List<PendingWrite> batch) throws IOException, InterruptedException {
        List<SurrealSinkOutcome> outcomes = new ArrayList<>(batch.size());
        List<PendingWrite> notApplied = new ArrayList<>();
        List<PendingWrite> remaining = new ArrayList<>(batch);
        while (!remaining.isEmpty()) {
            remaining = writeUntilAMissingTable(remaining, outcomes, notApplied);
        }
        explainNotApplied(notApplied, outcomes);
        metrics.batchWritten();
        return outcomes;
    }

    /**
     * Writes {@code writes} in order. When a delete meets a table that does not exist, its
     * transaction is undone: returns the writes from that transaction on, without that delete.
     */
    private List<PendingWrite> writeUntilAMissingTable(
            List<PendingWrite> writes, List<SurrealSinkOutcome> outcomes, List<PendingWrite> notApplied)
            throws IOException, InterruptedException {
        for (StatementBatch request : splitSettingAsideOversized(writes, outcomes)) {
            List<StatementResult> results;
            try {
                results = runRetryingConflicts(request, writes);
            } catch (MissingTable missing) {
                PendingWrite delete = writes.get(missing.index);
                outcomes.add(synced(delete, "nothing to delete: the table does not exist"));
                List<PendingWrite> rest = new ArrayList<>(writes.subList(request.firstIndex(), writes.size()));
                rest.remove(delete);
                return rest;
            }
            for (StatementResult result : results) {
                PendingWrite pending = writes.get(result.index());
                if (statements.isGuarded(pending.write()) && result.resultList().isEmpty()) {
                    notApplied.add(pending);
                } else {
                    outcomes.add(synced(pending, ""));
                }
            }
        }
        return List.of();
    }

    private List<StatementBatch> splitSettingAsideOversized(
            List<PendingWrite> writable, List<SurrealSinkOutcome> outcomes) {
        while (true) {
            List<Statement> batch = new ArrayList<>(writable.size());
            writable.forEach(write -> batch.add(write.statement()));
            try {
                return client.requestSizer().split(batch);
            } catch (SurrealRequestTooLargeException tooLarge) {
                if (tooLarge.statementIndex() < 0) {
                    throw tooLarge;
                }
                PendingWrite oversized = writable.remove(tooLarge.statementIndex());
                metrics.deadLetter();
                outcomes.add(new SurrealSinkOutcome(oversized.recordId(), SyncEvent.Type.DEAD_LETTER,
                        "the write needs a request of " + tooLarge.requestBytes() + " bytes, over the limit of "
                                + tooLarge.limitBytes() + " bytes"));
            }
        }
    }

    private List<StatementResult> runRetryingConflicts(StatementBatch request, List<PendingWrite> writes)
            throws IOException, InterruptedException, MissingTable {
        for (int attempt = 1; ; attempt++) {
            long start = System.nanoTime();
            try {
                List<StatementResult> results = client.run(request, IDEMPOTENT);
                metrics.transactionSent(request.statements().size(), request.requestBytes(),
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
                return results;
            } catch (SurrealException e) {
                if (WriteFailures.isTransactionConflict(e) && attempt <= settings.conflictMaxRetries()) {
                    metrics.conflictRetry();
                    Thread.sleep(backoffMillis(attempt));
                    continue;
                }
                if (e instanceof SurrealStatementException && WriteFailures.isMissingTable((SurrealStatementException) e)) {
                    int index = ((SurrealStatementException) e).statementIndex();
                    if (writes.get(index).write().kind() == SurrealWrite.Kind.DELETE) {
                        throw new MissingTable(index);
                    }
                }
                throw new IOException(describeFailure(request, writes, attempt, e), e);
            }
        }
    }

    /** Reads the stored versions of the guarded writes that were not applied, to tell why. */
    private void explainNotApplied(List<PendingWrite> notApplied, List<SurrealSinkOutcome> outcomes) {
        for (int from = 0; from < notApplied.size(); from += READS_PER_QUERY) {
            List<PendingWrite> chunk = notApplied.subList(from, Math.min(from + READS_PER_QUERY, notApplied.size()));
            StringBuilder sql = new StringBuilder();
            Map<String, Object> vars = new HashMap<>();
            for (int i = 0; i < chunk.size(); i++) {
                sql.append("SELECT VALUE ").append(statements.versionField()).append(" FROM $r").append(i).append(";\n");
                vars.put("r" + i, chunk.get(i).write().id());
            }
            List<StatementResult> stored = client.query(sql.toString(), vars, IDEMPOTENT.withRawResults(true));
            for (int i = 0; i < chunk.size(); i++) {
                outcomes.add(notAppliedOutcome(chunk.get(i), stored.get(i)));
            }
        }
    }

    private SurrealSinkOutcome notAppliedOutcome(PendingWrite pending, StatementResult stored) {
        SurrealWrite write = pending.write();
        List<Object> versions = stored.ok() ? stored.resultList() : List.of();
        Object version = versions.isEmpty() ? null : versions.get(0);
        if (stored.ok() && versions.isEmpty() && write.kind() == SurrealWrite.Kind.DELETE) {
            return synced(pending, "nothing to delete: the record does not exist");
        }
        if (write.kind() == SurrealWrite.Kind.UPSERT && version instanceof Number
                && ((Number) version).longValue() == write.version()) {
            return synced(pending, "version " + write.version() + " was already stored");
        }
        metrics.versionConflict();
        String found = !stored.ok() ? "the stored version could not be read (" + stored.errorMessage() + ")"
                : versions.isEmpty() ? "the record is absent after its batch"
                : "stored version " + version + " is not older than " + write.version();
        return new SurrealSinkOutcome(pending.recordId(), SyncEvent.Type.CONFLICT,
                found + "; the " + write.kind().name().toLowerCase() + " was not applied");
    }

    private static SurrealSinkOutcome synced(PendingWrite pending, String detail) {
        return new SurrealSinkOutcome(pending.recordId(), SyncEvent.Type.SYNCED, detail);
    }

    private long backoffMillis(int failedAttempts) {
        long initial = settings.conflictInitialBackoff().toMillis();
        long ceiling = Math.min(settings.conflictMaxBackoff().toMillis(), initial << Math.min(failedAttempts - 1, 20));
        return ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
    }

    private String describeFailure(StatementBatch request, List<PendingWrite> writes, int attempts, SurrealException e) {
        int count = request.statements().size();
        String first = writes.get(request.firstIndex()).recordId();
        String last = writes.get(request.firstIndex() + count - 1).recordId();
        return "SurrealSink could not write a transaction of " + count + " records (" + first
                + (Objects.equals(first, last) ? "" : " .. " + last) + ") to "
                + client.config().url() + " namespace " + client.config().namespace() + " database "
                + client.config().database() + (attempts > 1 ? " after " + attempts + " attempts" : "")
                + ": " + e.getMessage();
    }

    /** A delete met a table that does not exist; its transaction was not committed. */
    private static final class MissingTable extends Exception {
        private static final long serialVersionUID = 1L;
        private final int index;

        MissingTable(int index) {
            super(null, null, false, false);
            this.index = index;
        }
    }
}
