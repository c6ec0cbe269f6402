package io.cortexsync.connector.surrealdb.sink.internal;

import io.cortexsync.connector.surrealdb.client.QueryOptions;
import io.cortexsync.connector.surrealdb.client.Statement;
import io.cortexsync.connector.surrealdb.client.StatementBatch;
import io.cortexsync.connector.surrealdb.client.StatementResult;
import io.cortexsync.connector.surrealdb.client.SurrealClient;
import io.cortexsync.connector.surrealdb.client.SurrealException;
import io.cortexsync.connector.surrealdb.client.SurrealRequestTooLargeException;
import io.cortexsync.connector.surrealdb.sink.SurrealSinkOutcome;
import io.cortexsync.connector.surrealdb.sink.SurrealWrite;
import io.cortexsync.schema.model.SyncEvent;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Writes one batch: as one transaction per request (several only when the batch is larger than a
 * request may be), each retried while it meets transaction conflicts. Upserts and deletes by id
 * are idempotent, so the client may also resend a request after a transport failure.
 *
 * <p>A write too large for any request is set aside as a dead letter and the rest is written.
 * Any other failure is thrown: the job restarts from its last checkpoint and writes the batch
 * again.
 */
public final class BatchWriter {

    private static final QueryOptions IDEMPOTENT = QueryOptions.DEFAULTS.withIdempotent(true);

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
        List<PendingWrite> writable = new ArrayList<>(batch);
        for (StatementBatch request : splitSettingAsideOversized(writable, outcomes)) {
            List<StatementResult> results = runRetryingConflicts(request, writable);
            for (StatementResult result : results) {
                outcomes.add(outcomeOf(writable.get(result.index()), result.result()));
            }
        }
        metrics.batchWritten();
        return outcomes;
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
                outcomes.add(deadLetter(oversized.recordId(), "the write needs a request of "
                        + tooLarge.requestBytes() + " bytes, over the limit of " + tooLarge.limitBytes() + " bytes"));
            }
        }
    }

    private List<StatementResult> runRetryingConflicts(StatementBatch request, List<PendingWrite> writable)
            throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            long start = System.nanoTime();
            try {
                List<StatementResult> results = client.run(request, IDEMPOTENT);
                metrics.transactionSent(request.statements().size(), request.requestBytes(),
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
                return results;
            } catch (SurrealException e) {
                if (TransactionConflicts.isConflict(e) && attempt <= settings.conflictMaxRetries()) {
                    metrics.conflictRetry();
                    Thread.sleep(backoffMillis(attempt));
                    continue;
                }
                throw new IOException(describeFailure(request, writable, attempt, e), e);
            }
        }
    }

    private SurrealSinkOutcome outcomeOf(PendingWrite pending, Object result) {
        SurrealWrite write = pending.write();
        if (!statements.isGuarded(write) || Boolean.TRUE.equals(result)) {
            return new SurrealSinkOutcome(pending.recordId(), SyncEvent.Type.SYNCED, "");
        }
        if (write.kind() == SurrealWrite.Kind.UPSERT && result instanceof Number
                && ((Number) result).longValue() == write.version()) {
            return new SurrealSinkOutcome(
                    pending.recordId(), SyncEvent.Type.SYNCED, "version " + write.version() + " was already stored");
        }
        metrics.versionConflict();
        return new SurrealSinkOutcome(pending.recordId(), SyncEvent.Type.CONFLICT,
                "stored version " + result + " is not older than " + write.version() + "; the "
                        + write.kind().name().toLowerCase() + " was not applied");
    }

    private SurrealSinkOutcome deadLetter(String recordId, String reason) {
        metrics.deadLetter();
        return new SurrealSinkOutcome(recordId, SyncEvent.Type.DEAD_LETTER, reason);
    }

    private long backoffMillis(int failedAttempts) {
        long initial = settings.conflictInitialBackoff().toMillis();
        long ceiling = Math.min(settings.conflictMaxBackoff().toMillis(), initial << Math.min(failedAttempts - 1, 20));
        return ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
    }

    private String describeFailure(StatementBatch request, List<PendingWrite> writable, int attempts, SurrealException e) {
        List<Statement> sent = request.statements();
        String first = writable.get(request.firstIndex()).recordId();
        String last = writable.get(request.firstIndex() + sent.size() - 1).recordId();
        return "SurrealSink could not write a transaction of " + sent.size() + " records (" + first
                + (Objects.equals(first, last) ? "" : " .. " + last) + ") to "
                + client.config().url() + " namespace " + client.config().namespace() + " database "
                + client.config().database() + (attempts > 1 ? " after " + attempts + " attempts" : "")
                + ": " + e.getMessage();
    }
}
