package io.cortexsync.cli.cdc;

import io.cortexsync.cli.migrate.DeadLetterFiles;
import io.cortexsync.cli.preflight.ChangeFeedPreflight;
import io.cortexsync.cli.preflight.PreflightException;
import io.cortexsync.cli.preflight.PreflightResult;
import io.cortexsync.cli.preflight.SyncPreflight;
import io.cortexsync.cli.run.JobRunner;
import io.cortexsync.cli.run.ResumePoints;
import io.cortexsync.cli.run.RunningJob;
import io.cortexsync.cli.run.StopSignals;
import io.cortexsync.cli.run.StreamingRun;
import io.cortexsync.connector.qdrant.QdrantOptions;
import io.cortexsync.connector.qdrant.admin.CollectionMismatchException;
import io.cortexsync.connector.qdrant.admin.QdrantCollectionAdmin;
import io.cortexsync.connector.qdrant.client.QdrantConnection;
import io.cortexsync.connector.surrealdb.source.ExpiredPositionPolicy;
import io.cortexsync.connector.surrealdb.source.StartingMode;
import io.cortexsync.jobs.cdc.CdcJob;
import io.cortexsync.jobs.events.KafkaTopicException;
import io.cortexsync.jobs.events.KafkaTopics;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.IllegalConfigurationException;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A cdc job from the command line, the same flow wherever it runs: preflight (both stores and the
 * change feeds), collection, start (restored with {@code --resume}); locally, {@link StreamingRun}
 * follows it with progress and stops it with a savepoint when asked.
 */
public final class CdcRun {

    private final CdcOptions options;
    private final JobRunner runner;
    private final PrintStream out;
    private final Duration progressInterval;
    private final Clock clock;
    private Map<String, Long> snapshotRecords = Map.of();

    public CdcRun(CdcOptions options, JobRunner runner, PrintStream out, Duration progressInterval, Clock clock) {
        this.options = options;
        this.runner = runner;
        this.out = out;
        this.progressInterval = progressInterval;
        this.clock = clock;
    }

    /** Checks everything, prepares the collection and starts the job. */
    public RunningJob start() throws Exception {
        options.validate();
        PreflightResult preflight = new SyncPreflight(options.stores(), options.target()).run();
        snapshotRecords = options.run().resume() || options.start().mode() != StartingMode.SNAPSHOT_THEN_CHANGES
                ? Map.of() : preflight.recordsByTable();
        Optional<String> restoreFrom = restorePoint();
        boolean resnapshots = options.expiredPositionPolicy() == ExpiredPositionPolicy.RESNAPSHOT;
        Duration retention = new ChangeFeedPreflight(options.stores(), options.target().tables(), clock)
                .run(restoreFrom.isPresent() ? OptionalLong.empty() : options.start().versionstamp(), resnapshots);
        out.println(options + ": " + preflight.totalRecords() + " records, dimension " + preflight.dimension()
                + (preflight.collectionExists() ? ", collection exists" : ", collection will be created")
                + ", change feed kept " + retention.toSeconds() + "s; "
                + (restoreFrom.isPresent() ? "resuming" : "starting at " + options.start()) + " on " + runner.describe());
        Configuration config = options.jobConfiguration(preflight.dimension());
        ensureTopics(config);
        ensureCollection(config);
        RunningJob job = runner.start(new CdcJob(), config, restoreFrom);
        out.println("job " + job.jobId() + " is running");
        job.dashboardUrl().ifPresent(url -> out.println("Flink dashboard: " + url));
        return job;
    }

    /**
     * Starts the job and follows it until {@code stop} is asked for (then stops it with a
     * savepoint) or it ends by itself (failed or cancelled).
     */
    public StreamingRun.Ended run(StopSignals stop) throws Exception {
        return new StreamingRun(out, progressInterval).run(new StreamingRun.Sync() {
            private CdcProgress progress;

            @Override
            public RunningJob start() throws Exception {
                RunningJob job = CdcRun.this.start();
                progress = new CdcProgress(clock, snapshotRecords);
                return job;
            }

            @Override
            public String progressLine(Map<String, Object> counters) {
                return progress.line(counters);
            }

            @Override
            public String syncId() {
                return options.syncId();
            }

            @Override
            public String savepointUri() {
                return options.savepointUri();
            }

            @Override
            public Duration stopTimeout() {
                return options.stopTimeout();
            }

            @Override
            public Path reportFile() {
                return options.run().report();
            }

            @Override
            public void ended() throws IOException {
                mergeDeadLetters();
            }
        }, stop);
    }

    /** With {@code --resume}, the latest savepoint or retained checkpoint of this sync; without, a fresh start. */
    private Optional<String> restorePoint() throws IOException {
        if (!options.run().resume()) {
            DeadLetterFiles.deleteParts(options.run().deadLetterParts());
        }
        return ResumePoints.forRun(options.run().resume(), options.checkpointUri(), out, "starting at " + options.start());
    }

    private void ensureCollection(Configuration config) {
        try (QdrantConnection qdrant = QdrantConnection.open(options.stores().qdrantConnection())) {
            new QdrantCollectionAdmin(qdrant).ensureCollection(QdrantOptions.collectionSpec(config));
        } catch (CollectionMismatchException e) {
            throw new PreflightException(e.getMessage() + " (--collection, --dim, --distance)", e);
        }
    }

    /** The events and dead-letter topics exist before the job starts (created when allowed), or the run fails naming them. */
    private void ensureTopics(Configuration config) {
        if (!options.kafka().enabled()) {
            return;
        }
        try {
            List<String> created = KafkaTopics.ensure(config);
            if (!created.isEmpty()) {
                out.println("created Kafka topics " + String.join(", ", created));
            }
            out.println("events and dead letters to Kafka: " + options.kafka().describe());
        } catch (KafkaTopicException | IllegalConfigurationException e) {
            throw new PreflightException(e.getMessage(), e);
        }
    }

    private void mergeDeadLetters() throws IOException {
        if (!options.kafka().deadLetterFile()) {
            return;
        }
        DeadLetterFiles.Merged merged = DeadLetterFiles.merge(options.run().deadLetterParts(), options.run().deadLetter());
        if (merged.total() > 0) {
            out.println(merged.total() + " dead letters in " + merged.file());
        }
    }
}
