package io.cortexsync.cli.dualwrite;

import io.cortexsync.cli.migrate.DeadLetterFiles;
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
import io.cortexsync.jobs.dualwrite.DualWriteJob;
import io.cortexsync.jobs.events.KafkaTopicException;
import io.cortexsync.jobs.events.KafkaTopics;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.IllegalConfigurationException;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A dual-write job from the command line, the same flow wherever it runs: preflight (both
 * stores; the tables may not exist yet), the collection and the topics, start (restored with
 * {@code --resume}); locally, {@link StreamingRun} follows it and stops it with a savepoint.
 */
public final class DualWriteRun implements StreamingRun.Sync {

    private final DualWriteCommandOptions options;
    private final JobRunner runner;
    private final PrintStream out;
    private final Duration progressInterval;
    private final DualWriteProgress progress = new DualWriteProgress();

    public DualWriteRun(DualWriteCommandOptions options, JobRunner runner, PrintStream out, Duration progressInterval) {
        this.options = options;
        this.runner = runner;
        this.out = out;
        this.progressInterval = progressInterval;
    }

    @Override
    public RunningJob start() throws Exception {
        options.validate();
        PreflightResult preflight = new SyncPreflight(options.stores(), options.target(), true).run();
        Optional<String> restoreFrom = restorePoint();
        out.println(options + ": dimension " + preflight.dimension()
                + (preflight.collectionExists() ? ", collection exists" : ", collection will be created") + "; "
                + (restoreFrom.isPresent() ? "resuming" : "starting") + " on " + runner.describe());
        Configuration config = options.jobConfiguration(preflight.dimension());
        ensureTopics(config);
        ensureCollection(config);
        RunningJob job = runner.start(new DualWriteJob(), config, restoreFrom);
        out.println("job " + job.jobId() + " is running");
        job.dashboardUrl().ifPresent(url -> out.println("Flink dashboard: " + url));
        return job;
    }

    /** Starts the job and follows it until {@code stop} is asked for or it ends by itself. */
    public StreamingRun.Ended run(StopSignals stop) throws Exception {
        return new StreamingRun(out, progressInterval).run(this, stop);
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
        if (!options.kafka().deadLetterFile()) {
            return;
        }
        DeadLetterFiles.Merged merged = DeadLetterFiles.merge(options.run().deadLetterParts(), options.run().deadLetter());
        if (merged.total() > 0) {
            out.println(merged.total() + " dead letters in " + merged.file());
        }
    }

    private Optional<String> restorePoint() throws IOException {
        if (!options.run().resume()) {
            DeadLetterFiles.deleteParts(options.run().deadLetterParts());
        }
        return ResumePoints.forRun(options.run().resume(), options.checkpointUri(), out, "starting");
    }

    private void ensureCollection(Configuration config) {
        try (QdrantConnection qdrant = QdrantConnection.open(options.stores().qdrantConnection())) {
            new QdrantCollectionAdmin(qdrant).ensureCollection(QdrantOptions.collectionSpec(config));
        } catch (CollectionMismatchException e) {
            throw new PreflightException(e.getMessage() + " (--collection, --dim, --distance)", e);
        }
    }

    /** The input, events and dead-letter topics exist before the job starts (created when allowed), or the run fails naming them. */
    private void ensureTopics(Configuration config) {
        try {
            List<String> created = KafkaTopics.ensure(config, Map.of(options.inputTopic(), "--input-topic"));
            if (!created.isEmpty()) {
                out.println("created Kafka topics " + String.join(", ", created));
            }
            out.println("input from Kafka topic " + options.inputTopic() + "; " + options.kafka().describe());
        } catch (KafkaTopicException | IllegalConfigurationException e) {
            throw new PreflightException(e.getMessage(), e);
        }
    }
}
