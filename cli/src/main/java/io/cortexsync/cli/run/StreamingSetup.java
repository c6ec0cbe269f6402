package io.cortexsync.cli.run;

import io.cortexsync.cli.migrate.DeadLetterFiles;
import io.cortexsync.cli.options.StreamingSyncOptions;
import io.cortexsync.cli.preflight.PreflightException;
import io.cortexsync.connector.qdrant.QdrantOptions;
import io.cortexsync.connector.qdrant.admin.CollectionMismatchException;
import io.cortexsync.connector.qdrant.admin.QdrantCollectionAdmin;
import io.cortexsync.connector.qdrant.client.QdrantConnection;
import io.cortexsync.jobs.events.KafkaTopicException;
import io.cortexsync.jobs.events.KafkaTopics;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.IllegalConfigurationException;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a streaming job's run prepares before it starts, and tidies after it ended: where it
 * resumes from, the collection, the Kafka topics, the dead-letter file.
 */
public final class StreamingSetup {

    private StreamingSetup() {}

    /**
     * With {@code --resume}, the latest savepoint or retained checkpoint of the sync; without, a
     * fresh start (and the dead-letter parts of an earlier run are removed).
     */
    public static Optional<String> restorePoint(StreamingSyncOptions options, PrintStream out, String freshStart) throws IOException {
        if (!options.run().resume()) {
            DeadLetterFiles.deleteParts(options.run().deadLetterParts());
        }
        return ResumePoints.forRun(options.run().resume(), options.checkpointUri(), out, freshStart);
    }

    /** The collection of {@code config} exists as it says, created when missing, or the start fails naming the options. */
    public static void ensureCollection(StreamingSyncOptions options, Configuration config) {
        try (QdrantConnection qdrant = QdrantConnection.open(options.stores().qdrantConnection())) {
            new QdrantCollectionAdmin(qdrant).ensureCollection(QdrantOptions.collectionSpec(config));
        } catch (CollectionMismatchException e) {
            throw new PreflightException(e.getMessage() + " (--collection, --dim, --distance)", e);
        }
    }

    /**
     * The events and dead-letter topics, and {@code more} (topic name to the option naming it), exist
     * before the job starts (created when allowed), or the start fails naming them.
     */
    public static void ensureTopics(StreamingSyncOptions options, Configuration config, Map<String, String> more, PrintStream out) {
        if (!options.kafka().enabled() && more.isEmpty()) {
            return;
        }
        try {
            List<String> created = KafkaTopics.ensure(config, more);
            if (!created.isEmpty()) {
                out.println("created Kafka topics " + String.join(", ", created));
            }
            out.println("events and dead letters to Kafka: " + options.kafka().describe());
        } catch (KafkaTopicException | IllegalConfigurationException e) {
            throw new PreflightException(e.getMessage(), e);
        }
    }

    /** Merges the run's dead-letter parts into the {@code --dead-letter} file, unless the topic alone takes them. */
    public static void mergeDeadLetters(StreamingSyncOptions options, PrintStream out) throws IOException {
        if (!options.kafka().deadLetterFile()) {
            return;
        }
        DeadLetterFiles.Merged merged = DeadLetterFiles.merge(options.run().deadLetterParts(), options.run().deadLetter());
        if (merged.total() > 0) {
            out.println(merged.total() + " dead letters in " + merged.file());
        }
    }
}
