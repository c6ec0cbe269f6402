package io.cortexsync.connector.surrealdb.sink.internal;

import io.cortexsync.connector.common.retry.Backoff;
import io.cortexsync.connector.surrealdb.client.QueryOptions;
import io.cortexsync.connector.surrealdb.client.Statement;
import io.cortexsync.connector.surrealdb.client.StatementBatch;
import io.cortexsync.connector.surrealdb.client.StatementResult;
import io.cortexsync.connector.surrealdb.client.SurrealClient;
import io.cortexsync.connector.surrealdb.client.SurrealException;
import io.cortexsync.connector.surrealdb.client.SurrealFailures;
import io.cortexsync.connector.surrealdb.client.SurrealRequestTooLargeException;
import io.cortexsync.connector.surrealdb.client.SurrealStatementException;
import io.cortexsync.connector.surrealdb.sink.SurrealSinkOutcome;
import io.cortexsync.connector.surrealdb.sink.SurrealWrite;
import io.cortexsync.schema.model.SyncEvent;

import org.apache.flink.annotation.Internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Writes one batch: as one transaction per request (several only when the batch is larger than a
 * request may be), each retried while it meets transaction conflicts. Upserts and deletes by id
 * are idempotent, so the client may also resend a request after a transport failure.
 *
 * <p>A write too large for any request is set aside as a dead letter and the rest is written. A
 * delete whose table does not exist has nothing to do and is set aside too. When the server
 * rejects a statement for the record it writes ({@link WriteFailures#isRejectedWrite}: a type or
 * {@code ASSERT} violation, a unique index clash, ...), the transaction is written again in halves
 * ({@link Bisection}) until every other write is applied; each write rejected alone becomes a dead
 * letter with the server's message. Any other failure is thrown: the job restarts from its last
 * checkpoint and writes the batch again.
 */
@Internal
public final class BatchWriter {

    private static final QueryOptions IDEMPOTENT = QueryOptions.DEFAULTS.withIdempotent(true);
    private static final int READS_PER_QUERY = 500;

    private final SurrealClient client;
    private final WriteStatements statements;
    private final WriteSettings settings;
    private final WriterMetrics metrics;
    private final Backoff conflictBackoff;

    public BatchWriter(SurrealClient client, WriteStatements statements, WriteSettings settings, WriterMetrics metrics) {
        this.client = client;
        this.statements = statements;
        this.settings = settings;
        this.metrics = metrics;
        this.conflictBackoff = new Backoff(settings.conflictInitialBackoff(), settings.conflictMaxBackoff());
    }

    /** Writes {@code batch} and returns the outcome of each of its writes. */
    public List<SurrealSinkOutcome> write(List<PendingWrite> batch) throws IOException, InterruptedException {
        List<SurrealSinkOutcome> outcomes = new ArrayList<>(batch.size());
        List<PendingWrite> notApplied = new ArrayList<>();
        List<PendingWrite> writable = new ArrayList<>(batch);
        for (StatementBatch request : splitSettingAsideOversized(writable, outcomes)) {
            List<PendingWrite> writes = writable.subList(
                    request.firstIndex(), request.firstIndex() + request.statements().size());
            try {
                writeTransaction(request, writes, outcomes, notApplied);
            } catch (WriteRejectedException rejection) {
                Bisection.writeAround(
                        writes,
                        rejection,
                        part -> writeTransaction(client.requestSizer().single(statementsOf(part)), part, outcomes, notApplied),
                        (rejected, reason) -> outcomes.add(deadLetter(rejected, reason.serverMessage())));
            }
        }
        explainNotApplied(notApplied, outcomes);
        metrics.batchWritten();
        return outcomes;
    }

    /**
     * Writes {@code writes}, the statements of {@code request}, as one transaction and adds their
     * outcomes, or adds nothing when it throws. When a delete meets a table that does not exist,
     * the transaction is undone and runs again without that delete.
     */
    private void writeTransaction(
            StatementBatch request,
            List<PendingWrite> writes,
            List<SurrealSinkOutcome> outcomes,
            List<PendingWrite> notApplied)
            throws IOException, InterruptedException, WriteRejectedException {
        List<SurrealSinkOutcome> nothingToDelete = new ArrayList<>();
        List<PendingWrite> remaining = writes;
        StatementBatch current = request;
        List<StatementResult> results = List.of();
        while (!remaining.isEmpty()) {
            try {
                results = runRetryingConflicts(current, remaining);
                break;
            } catch (MissingTable missing) {
                remaining = new ArrayList<>(remaining);
                PendingWrite delete = remaining.remove(missing.index);
                nothingToDelete.add(synced(delete, "nothing to delete: the table does not exist"));
                current = remaining.isEmpty() ? null : client.requestSizer().single(statementsOf(remaining));
            }
        }
        // Added only now: when the transaction is rejected, the writes are written again in halves.
        outcomes.addAll(nothingToDelete);
        for (StatementResult result : results) {
            PendingWrite pending = remaining.get(result.index() - current.firstIndex());
            if (statements.isGuarded(pending.write()) && result.resultList().isEmpty()) {
                notApplied.add(pending);
            } else {
                outcomes.add(synced(pending, ""));
            }
        }
    }

    private static List<Statement> statementsOf(List<PendingWrite> writes) {
        List<Statement> batch = new ArrayList<>(writes.size());
        writes.forEach(write -> batch.add(write.statement()));
        return batch;
    }

    private List<StatementBatch> splitSettingAsideOversized(
            List<PendingWrite> writable, List<SurrealSinkOutcome> outcomes) {
        while (true) {
            try {
                return client.requestSizer().split(statementsOf(writable));
            } catch (SurrealRequestTooLargeException tooLarge) {
                if (tooLarge.statementIndex() < 0) {
                    throw tooLarge;
                }
                PendingWrite oversized = writable.remove(tooLarge.statementIndex());
                outcomes.add(deadLetter(oversized, "the write needs a request of " + tooLarge.requestBytes()
                        + " bytes, over the limit of " + tooLarge.limitBytes() + " bytes"));
            }
        }
    }

    /** Runs {@code request}, the statements of {@code writes}, retrying it after transaction conflicts. */
    private List<StatementResult> runRetryingConflicts(StatementBatch request, List<PendingWrite> writes)
            throws IOException, InterruptedException, MissingTable, WriteRejectedException {
        for (int attempt = 1; ; attempt++) {
            long start = System.nanoTime();
            try {
                List<StatementResult> results = client.run(request, IDEMPOTENT);
                metrics.transactionSent(request.statements().size(), request.requestBytes(),
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
                return results;
            } catch (SurrealException e) {
                if (SurrealFailures.isTransactionConflict(e) && attempt <= settings.conflictMaxRetries()) {
                    metrics.conflictRetry();
                    Thread.sleep(conflictBackoff.delayMillis(attempt));
                    continue;
                }
                if (e instanceof SurrealStatementException && WriteFailures.isMissingTable((SurrealStatementException) e)) {
                    int index = ((SurrealStatementException) e).statementIndex() - request.firstIndex();
                    if (writes.get(index).write().kind() == SurrealWrite.Kind.DELETE) {
                        throw new MissingTable(index);
                    }
                }
                if (WriteFailures.isRejectedWrite(e)) {
                    throw new WriteRejectedException(((SurrealStatementException) e).serverMessage());
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

    private SurrealSinkOutcome deadLetter(PendingWrite pending, String detail) {
        metrics.deadLetter();
        return new SurrealSinkOutcome(pending.recordId(), SyncEvent.Type.DEAD_LETTER, detail);
    }

    private static SurrealSinkOutcome synced(PendingWrite pending, String detail) {
        return new SurrealSinkOutcome(pending.recordId(), SyncEvent.Type.SYNCED, detail);
    }

    private String describeFailure(StatementBatch request, List<PendingWrite> writes, int attempts, SurrealException e) {
        int count = request.statements().size();
        String first = writes.get(0).recordId();
        String last = writes.get(count - 1).recordId();
        return "SurrealSink could not write a transaction of " + count + " records (" + first
                + (Objects.equals(first, last) ? "" : " .. " + last) + ") to "
                + client.config().url() + " namespace " + client.config().namespace() + " database "
                + client.config().database() + (attempts > 1 ? " after " + attempts + " attempts" : "")
                + ": " + e.getMessage();
    }

    /** A delete met a table that does not exist; its transaction was not committed. Index in its writes. */
    private static final class MissingTable extends Exception {
        private static final long serialVersionUID = 1L;
        private final int index;

        MissingTable(int index) {
            super(null, null, false, false);
            this.index = index;
        }
    }
}
