package io.cortexsync.cli.options;

import io.cortexsync.cli.DurationConverter;
import io.cortexsync.cli.InvalidOptionException;
import io.cortexsync.jobs.common.JobEnvironment;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How a job runs, shared by every job's command as a picocli mixin: the configuration file,
 * parallelism, checkpoints and resume, the dead-letter file, the report and the dashboard.
 */
public final class JobRunOptions {

    @Option(names = "--config", paramLabel = "FILE", description = "YAML file with any of these options, keyed by their long names without '--' (e.g. 'surreal-url: http://...', 'table: [a, b]') or by the connectors' configuration keys (e.g. 'surrealdb.url', 'qdrant.sink.batch-size'); flags given on the command line override it.")
    Path config;

    @Option(names = "--parallelism", paramLabel = "N", defaultValue = "2", description = "Parallel readers and writers (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--checkpoint-dir", paramLabel = "DIR", defaultValue = "checkpoints", description = "Directory or file system URI of the checkpoints; each run keeps its own subdirectory (default: ${DEFAULT-VALUE}).")
    String checkpointDir;

    @Option(names = "--checkpoint-interval", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class, description = "Time between checkpoints, e.g. 10s, 1min (default: ${DEFAULT-VALUE}).")
    Duration checkpointInterval;

    @Option(names = "--resume", negatable = true, defaultValue = "false", fallbackValue = "true", description = "Continue from the latest retained checkpoint of this run in the checkpoint directory.")
    boolean resume;

    @Option(names = "--report", paramLabel = "FILE", description = "Also write the report (JSON) to this file.")
    Path report;

    @Option(names = "--dead-letter", paramLabel = "FILE", defaultValue = "dead-letter.jsonl", description = "Records that could not be synced, as JSON lines with record id, raw record and reason (default: ${DEFAULT-VALUE}).")
    Path deadLetter;

    @Option(names = "--web-ui", negatable = true, defaultValue = "false", fallbackValue = "true", description = "Local runs: serve the Flink dashboard on port 8081 while the job runs.")
    boolean webUi;

    /** Fails with a message naming the option when a job cannot run with these values. */
    public void validate() {
        OptionChecks.inRange(parallelism, 1, 1024, "--parallelism");
        OptionChecks.require(checkpointDir, "--checkpoint-dir");
        if (checkpointInterval.compareTo(Duration.ofMillis(100)) < 0) {
            throw new InvalidOptionException("--checkpoint-interval", "at least 100ms, got " + DurationConverter.format(checkpointInterval));
        }
        if (deadLetter == null) {
            throw new InvalidOptionException("--dead-letter", "name a file");
        }
    }

    /**
     * Adds Flink's keys for a run whose checkpoints go to {@code checkpointUri}: parallelism,
     * checkpoint directory, the savepoint directory next to it ({@code <checkpointUri>/savepoints},
     * where a stop that names no directory puts its savepoint and {@code --resume} looks) and, when
     * {@code checkpointing}, the interval.
     */
    public void putInto(Configuration conf, String checkpointUri, boolean checkpointing) {
        conf.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpointUri);
        conf.set(CheckpointingOptions.SAVEPOINT_DIRECTORY, JobEnvironment.savepointDirectory(checkpointUri));
        if (checkpointing) {
            conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, checkpointInterval);
        }
    }

    /**
     * The checkpoint directory as a URI: a plain path becomes an absolute {@code file:} URI,
     * resolved where the options are parsed (the client), so a cluster writes where it was told.
     */
    public String checkpointBaseUri() {
        if (checkpointDir.matches("^[A-Za-z][A-Za-z0-9+.-]*://.*")) {
            return checkpointDir.replaceAll("/+$", "");
        }
        return Path.of(checkpointDir).toAbsolutePath().normalize().toUri().toString().replaceAll("/+$", "");
    }

    /** Where the job's subtasks write their dead-letter part files before the client merges them. */
    public Path deadLetterParts() {
        Path file = deadLetter.toAbsolutePath();
        return file.resolveSibling(file.getFileName() + ".parts");
    }

    public int parallelism() {
        return parallelism;
    }

    public String checkpointDir() {
        return checkpointDir;
    }

    public Duration checkpointInterval() {
        return checkpointInterval;
    }

    public boolean resume() {
        return resume;
    }

    /** The report file, if one was asked for. */
    public Path report() {
        return report;
    }

    public Path deadLetter() {
        return deadLetter;
    }

    public boolean webUi() {
        return webUi;
    }
}
