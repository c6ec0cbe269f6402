package io.cortexsync.connector.dualwrite.commit;

import io.cortexsync.connector.common.retry.Backoff;
import io.cortexsync.connector.dualwrite.DualWriteSettings;
import io.cortexsync.connector.surrealdb.client.Statement;
import io.cortexsync.connector.surrealdb.client.SurrealClient;
import io.cortexsync.connector.surrealdb.client.SurrealException;
import io.cortexsync.connector.surrealdb.client.SurrealFailures;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.groups.SinkCommitterMetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The first half of every commit: after the checkpoint that holds a committable completed, its
 * changes and its commit marker go to SurrealDB in one transaction ({@link SurrealCommit}). The
 * Qdrant half follows in the sink's post-commit stage, so a Qdrant outage never holds this one.
 *
 * <p>Committables are committed in order, and a later one never before an earlier one.
 * SurrealDB's transient failures are retried with backoff for up to the commit timeout; past it
 * the committable, and every one after it until the stage has caught up, is handed to the stage
 * ({@link SurrealHandover}), which retries SurrealDB on a timer with RETRYING events. It is not
 * retried later: Flink retries such a request at once, {@code sink.committer.retries} times, then
 * fails the job, and emits no event meanwhile.
 */
@Internal
public final class DualWriteCommitter implements Committer<DualWriteCommittable> {

    private static final Logger LOG = LoggerFactory.getLogger(DualWriteCommitter.class);
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final DualWriteSettings settings;
    private final SurrealClient client;
    private final SurrealCommit commit;
    private final Backoff backoff;
    private final Counter retries;
    private final Counter committed;
    private final Counter handedOver;
    private final SurrealHandover handover;

    public DualWriteCommitter(DualWriteSettings settings, SinkCommitterMetricGroup metrics, int subtask) {
        this.settings = settings;
        this.client = SurrealClient.create(settings.surreal());
        this.commit = new SurrealCommit(client, settings, Clock.systemUTC());
        this.backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5));
        var group = metrics.addGroup("dualwrite");
        this.retries = group.counter("surrealRetries");
        this.committed = group.counter("committablesCommitted");
        this.handedOver = group.counter("committablesHandedOver");
        this.handover = SurrealHandover.of(settings.sinkId(), subtask);
        defineOwnTables();
    }

    @Override
    public void commit(Collection<CommitRequest<DualWriteCommittable>> requests) throws InterruptedException {
        for (CommitRequest<DualWriteCommittable> request : requests) {
            DualWriteCommittable committable = request.getCommittable();
            if (handover.pending()) {
                // an earlier one waits in the stage for SurrealDB: this one goes behind it
                handover.handOver(committable.id());
                handedOver.inc();
                continue;
            }
            try {
                CommitFaults.at(CommitFaults.Step.BEFORE_COMMIT);
                commitWithRetries(committable);
                committed.inc();
            } catch (SurrealException e) {
                if (!isTransient(e)) {
                    request.signalFailedWithUnknownReason(e);
                    return;
                }
                LOG.warn("SurrealDB unavailable past the commit timeout {}; {} and the ones after it go to the Qdrant stage,"
                        + " which retries SurrealDB: {}", settings.commitTimeout(), committable, e.getMessage());
                handover.handOver(committable.id());
                handedOver.inc();
            }
        }
    }

    private void commitWithRetries(DualWriteCommittable committable) throws InterruptedException {
        long deadline = System.nanoTime() + settings.commitTimeout().toNanos();
        for (int attempt = 1; ; attempt++) {
            try {
                commit.commit(committable);
                return;
            } catch (SurrealException e) {
                Duration wait = backoff.delay(attempt);
                if (!isTransient(e) || System.nanoTime() + wait.toNanos() > deadline) {
                    throw e;
                }
                retries.inc();
                Thread.sleep(wait.toMillis());
            }
        }
    }

    private static boolean isTransient(SurrealException e) {
        return SurrealFailures.TRANSIENT.isTransient(e) || SurrealFailures.isTransactionConflict(e);
    }

    /** The marker and tombstone tables exist before the first read of them; their names are checked identifiers. */
    private void defineOwnTables() {
        for (String table : List.of(settings.commitTable(), settings.tombstoneTable())) {
            if (!IDENTIFIER.matcher(table).matches()) {
                throw new IllegalArgumentException("a dual-write table must be an identifier ([A-Za-z_][A-Za-z0-9_]*), not '" + table + "'");
            }
        }
        List<Statement> define = List.of(
                Statement.of("DEFINE TABLE IF NOT EXISTS " + settings.commitTable() + " SCHEMALESS"),
                Statement.of("DEFINE TABLE IF NOT EXISTS " + settings.tombstoneTable() + " SCHEMALESS"));
        // every subtask's committer defines them as it starts: concurrent definitions conflict
        for (int attempt = 1; ; attempt++) {
            try {
                client.queryBatch(define);
                return;
            } catch (SurrealException e) {
                if (!isTransient(e) || attempt >= 10) {
                    throw e;
                }
                try {
                    Thread.sleep(backoff.delay(attempt).toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
