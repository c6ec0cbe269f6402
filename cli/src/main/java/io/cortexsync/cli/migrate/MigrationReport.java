package io.cortexsync.cli.migrate;

import io.cortexsync.cli.run.ReportJson;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The outcome of a migration, as JSON ({@code --report FILE}) and as a few lines for a person:
 * status, total entities, successful, failed, dead-lettered by reason, duration, average
 * throughput, checkpoints taken, and the verification block when {@code --verify} ran.
 */
public final class MigrationReport {

    /** How the run ended. */
    public enum Status {
        /** Every record was read; the good ones are in Qdrant, the bad ones dead-lettered. */
        FINISHED,
        /** A dry run read and checked everything and wrote nothing. */
        DRY_RUN,
        /** The job failed or was cancelled; a retained checkpoint lets {@code --resume} continue. */
        FAILED,
        CANCELED
    }

    private static final ObjectMapper JSON = ReportJson.mapper();

    private final Status status;
    private final String migrationId;
    private final String collection;
    private final List<String> tables;
    private final long totalEntities;
    private final long successful;
    private final long failed;
    private final Map<String, Long> deadLetteredByReason;
    private final String deadLetterFile;
    private final long durationMs;
    private final long checkpoints;
    private final String resumedFrom;
    private final long pointsWritten;
    private final String error;
    private final VerificationResult verification;
    private final String bulkLoad;
    private final Map<String, Long> timingsMs;

    private MigrationReport(Builder b) {
        this.status = b.status;
        this.migrationId = b.migrationId;
        this.collection = b.collection;
        this.tables = List.copyOf(b.tables);
        this.totalEntities = b.totalEntities;
        this.successful = b.successful;
        this.failed = b.failed;
        this.deadLetteredByReason = new TreeMap<>(b.deadLetteredByReason);
        this.deadLetterFile = b.deadLetterFile;
        this.durationMs = b.durationMs;
        this.checkpoints = b.checkpoints;
        this.resumedFrom = b.resumedFrom;
        this.pointsWritten = b.pointsWritten;
        this.error = b.error;
        this.verification = b.verification;
        this.bulkLoad = b.bulkLoad;
        this.timingsMs = new LinkedHashMap<>(b.timingsMs);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Status status() {
        return status;
    }

    public long totalEntities() {
        return totalEntities;
    }

    public long successful() {
        return successful;
    }

    public long failed() {
        return failed;
    }

    public long deadLettered() {
        return deadLetteredByReason.values().stream().mapToLong(Long::longValue).sum();
    }

    public Map<String, Long> deadLetteredByReason() {
        return deadLetteredByReason;
    }

    public long durationMs() {
        return durationMs;
    }

    public long checkpoints() {
        return checkpoints;
    }

    /** Points this run sent to Qdrant (a resumed run sends only what its checkpoint did not cover). */
    public long pointsWritten() {
        return pointsWritten;
    }

    /** Whether HNSW indexing was off while the points loaded, and why; null when the run wrote nothing. */
    public String bulkLoad() {
        return bulkLoad;
    }

    /** Where the run's time went, phase by phase ({@link io.cortexsync.cli.timing.RunTimings}). */
    public Map<String, Long> timingsMs() {
        return Collections.unmodifiableMap(timingsMs);
    }

    public VerificationResult verification() {
        return verification;
    }

    /** Records per second over the whole run, good and bad. */
    public double throughputPerSecond() {
        return durationMs <= 0 ? 0 : (successful + failed) * 1000.0 / durationMs;
    }

    /** The run succeeded: it finished (or dry-ran) and, when verified, every record was correct. */
    public boolean ok() {
        return (status == Status.FINISHED || status == Status.DRY_RUN) && (verification == null || verification.allCorrect());
    }

    public ObjectNode toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("status", status.name());
        root.put("migrationId", migrationId);
        root.put("collection", collection);
        ArrayNode tableArray = root.putArray("tables");
        tables.forEach(tableArray::add);
        root.put("dryRun", status == Status.DRY_RUN);
        root.put("totalEntities", totalEntities);
        root.put("successful", successful);
        root.put("failed", failed);
        ObjectNode dead = root.putObject("deadLettered");
        dead.put("total", deadLettered());
        ObjectNode byReason = dead.putObject("byReason");
        deadLetteredByReason.forEach(byReason::put);
        dead.put("file", deadLetterFile);
        root.put("durationMs", durationMs);
        root.put("throughputPerSecond", Math.round(throughputPerSecond() * 10) / 10.0);
        root.put("checkpoints", checkpoints);
        root.put("pointsWritten", pointsWritten);
        if (bulkLoad != null) {
            root.put("bulkLoad", bulkLoad);
        }
        if (resumedFrom != null) {
            root.put("resumedFrom", resumedFrom);
        }
        if (error != null) {
            root.put("error", error);
        }
        if (!timingsMs.isEmpty()) {
            ObjectNode timings = root.putObject("timingsMs");
            timingsMs.forEach(timings::put);
        }
        if (verification != null) {
            ObjectNode v = root.putObject("verification");
            v.put("totalVerified", verification.verified());
            v.put("correct", verification.correct());
            v.put("incorrect", verification.incorrect());
            v.put("missing", verification.missing());
            v.put("hashMismatches", verification.hashMismatches());
            ArrayNode list = v.putArray("mismatches");
            for (VerificationResult.Mismatch m : verification.mismatches()) {
                ObjectNode item = list.addObject();
                item.put("recordId", m.recordId());
                item.put("pointId", m.pointId());
                item.put("problem", m.problem());
                item.put("expectedHash", m.expectedHash());
                if (m.actualHash() != null) {
                    item.put("actualHash", m.actualHash());
                }
            }
        }
        return root;
    }

    public String toJsonText() {
        return ReportJson.text(toJson());
    }

    public void writeTo(Path file) throws IOException {
        ReportJson.write(toJson(), file);
    }

    /** A few lines for the console. */
    public String summary() {
        List<String> lines = new ArrayList<>();
        boolean dry = status == Status.DRY_RUN;
        lines.add("migration " + migrationId + ": " + status + (error != null ? " (" + error + ")" : ""));
        lines.add(String.format(Locale.ROOT, "  entities %,d, %s %,d, failed %,d, in %.1f s (%,.0f records/s), %d checkpoints",
                totalEntities, dry ? "would be written" : "migrated", successful, failed, durationMs / 1000.0,
                throughputPerSecond(), checkpoints));
        if (deadLettered() > 0) {
            lines.add(String.format(Locale.ROOT, "  %s %,d %s, by reason %s", dry ? "would dead-letter" : "dead-lettered",
                    deadLettered(), "(" + deadLetterFile + ")", deadLetteredByReason));
        }
        if (bulkLoad != null) {
            lines.add("  bulk load: " + bulkLoad);
        }
        if (resumedFrom != null) {
            lines.add("  resumed from " + resumedFrom + "; " + pointsWritten + " points written by this run");
        }
        if (verification != null) {
            lines.add(String.format(Locale.ROOT, "  verified %,d: %,d correct, %,d incorrect (%,d missing, %,d with another hash)",
                    verification.verified(), verification.correct(), verification.incorrect(), verification.missing(),
                    verification.hashMismatches()));
        }
        return String.join("\n", lines);
    }

    /** Builds a {@link MigrationReport}. */
    public static final class Builder {
        private Status status = Status.FINISHED;
        private String migrationId;
        private String collection;
        private List<String> tables = List.of();
        private long totalEntities;
        private long successful;
        private long failed;
        private Map<String, Long> deadLetteredByReason = new LinkedHashMap<>();
        private String deadLetterFile;
        private long durationMs;
        private long checkpoints;
        private String resumedFrom;
        private Map<String, Long> timingsMs = Map.of();
        private long pointsWritten;
        private String error;
        private VerificationResult verification;
        private String bulkLoad;

        private Builder() {}

        public Builder status(Status status) {
            this.status = status;
            return this;
        }

        public Builder migrationId(String migrationId) {
            this.migrationId = migrationId;
            return this;
        }

        public Builder collection(String collection) {
            this.collection = collection;
            return this;
        }

        public Builder tables(List<String> tables) {
            this.tables = tables;
            return this;
        }

        public Builder totalEntities(long totalEntities) {
            this.totalEntities = totalEntities;
            return this;
        }

        public Builder successful(long successful) {
            this.successful = successful;
            return this;
        }

        public Builder failed(long failed) {
            this.failed = failed;
            return this;
        }

        public Builder deadLetteredByReason(Map<String, Long> byReason) {
            this.deadLetteredByReason = new LinkedHashMap<>(byReason);
            return this;
        }

        public Builder deadLetterFile(String deadLetterFile) {
            this.deadLetterFile = deadLetterFile;
            return this;
        }

        public Builder durationMs(long durationMs) {
            this.durationMs = durationMs;
            return this;
        }

        public Builder checkpoints(long checkpoints) {
            this.checkpoints = checkpoints;
            return this;
        }

        public Builder timingsMs(Map<String, Long> timingsMs) {
            this.timingsMs = timingsMs;
            return this;
        }

        public Builder resumedFrom(String resumedFrom) {
            this.resumedFrom = resumedFrom;
            return this;
        }

        public Builder pointsWritten(long pointsWritten) {
            this.pointsWritten = pointsWritten;
            return this;
        }

        public Builder error(String error) {
            this.error = error;
            return this;
        }

        public Builder verification(VerificationResult verification) {
            this.verification = verification;
            return this;
        }

        /** Whether HNSW indexing was off while the points loaded, and why (see {@code BulkLoadDecision}). */
        public Builder bulkLoad(String bulkLoad) {
            this.bulkLoad = bulkLoad;
            return this;
        }

        public MigrationReport build() {
            return new MigrationReport(this);
        }
    }
}
