package io.cortexsync.cli.migrate;

import io.cortexsync.jobs.deadletter.DeadLetterReasons;
import io.cortexsync.schema.model.PayloadFields;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cortexsync.connector.qdrant.client.QdrantConnection;
import io.cortexsync.connector.surrealdb.client.SurrealClient;
import io.cortexsync.schema.ids.PointIds;
import io.cortexsync.schema.ids.RecordId;
import io.qdrant.client.PointIdFactory;
import io.qdrant.client.ValueFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code cortex-sync migrate} end to end on a MiniCluster, the real SurrealDB engine and the Qdrant test server. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class MigrateITCase {

    private static final int DIM = 16;
    private static final int DOCS = 2500;
    private static final int NOTES = 500;
    private static final int BAD = MigrationTestStores.BAD_RECORDS.size();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static MigrationTestStores stores;

    @BeforeAll
    static void start() {
        stores = MigrationTestStores.start("migrate");
        stores.load("e2e", "docs", DOCS, DIM, true);
        stores.load("e2e", "notes", NOTES, DIM, false);
    }

    @AfterAll
    static void stop() {
        if (stores != null) {
            stores.close();
        }
    }

    @Test
    void migratesEveryGoodRecordAndDeadLettersTheBadOnes(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("report.json");
        Path deadLetters = dir.resolve("dead.jsonl");
        List<String> args = stores.args("e2e", "e2e_docs", "docs", "notes");
        args.addAll(List.of("--checkpoint-dir", dir.resolve("chk").toString(), "--checkpoint-interval", "1s",
                "--report", report.toString(), "--dead-letter", deadLetters.toString(), "--verify", "--timings"));

        MigrationTestStores.Run run = MigrationTestStores.migrate(args);

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(stores.pointCount("e2e_docs")).isEqualTo(DOCS + NOTES);
        try (QdrantConnection qdrant = stores.qdrantConnection()) {
            // the bulk load (HNSW m=0) is over: indexing is back to the collection's own setting
            assertThat(qdrant.client().getCollectionInfoAsync("e2e_docs").get(30, TimeUnit.SECONDS)
                    .getConfig().getHnswConfig().getM()).isPositive();
        }
        JsonNode json = JSON.readTree(report.toFile());
        assertThat(json.get("status").asText()).isEqualTo("FINISHED");
        assertThat(json.get("totalEntities").asLong()).isEqualTo(DOCS + NOTES + BAD);
        assertThat(json.get("successful").asLong()).isEqualTo(DOCS + NOTES);
        assertThat(json.get("failed").asLong()).isEqualTo(BAD);
        assertThat(json.get("deadLettered").get("total").asLong()).isEqualTo(BAD);
        Map<String, Long> byReason = new TreeMap<>();
        json.get("deadLettered").get("byReason").fields().forEachRemaining(e -> byReason.put(e.getKey(), e.getValue().asLong()));
        assertThat(byReason).isEqualTo(Map.of("missing-vector", 1L, "not-a-vector", 1L, "wrong-dimension", 1L));
        assertThat(json.get("pointsWritten").asLong()).isEqualTo(DOCS + NOTES);
        assertThat(json.get("durationMs").asLong()).isPositive();
        assertThat(json.get("throughputPerSecond").asDouble()).isPositive();
        assertThat(json.has("checkpoints")).isTrue();
        // where the time went, phase by phase, in the order the phases ran
        List<String> phases = new ArrayList<>();
        json.get("timingsMs").fieldNames().forEachRemaining(phases::add);
        assertThat(phases).containsExactly("start-up", "preflight", "collection setup", "job start", "snapshot",
                "bulk-load end", "dead letters", "verification");
        json.get("timingsMs").forEach(ms -> assertThat(ms.asLong()).isNotNegative());
        assertThat(json.get("timingsMs").get("snapshot").asLong()).isPositive();
        assertThat(run.out()).containsPattern("timings: start-up \\d+\\.\\d\\d s, preflight .*, verification \\d+\\.\\d\\d s, total \\d+\\.\\d\\d s");
        JsonNode verification = json.get("verification");
        assertThat(verification.get("totalVerified").asLong()).isEqualTo(DOCS + NOTES);
        assertThat(verification.get("correct").asLong()).isEqualTo(DOCS + NOTES);
        assertThat(verification.get("incorrect").asLong()).isZero();

        List<String> lines = Files.readAllLines(deadLetters, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(BAD);
        Map<String, String> reasonById = new TreeMap<>();
        for (String line : lines) {
            JsonNode letter = JSON.readTree(line);
            assertThat(letter.get("raw").asText()).contains("Document");
            reasonById.put(letter.get("record_id").asText(),
                    DeadLetterReasons.key(letter.get("stage").asText(), letter.get("reason").asText()));
        }
        Map<String, String> expected = new TreeMap<>();
        MigrationTestStores.BAD_RECORDS.forEach((key, reason) -> expected.put(RecordId.of("docs", key).canonical(), reason));
        assertThat(reasonById).isEqualTo(expected);
        assertThat(Files.exists(dir.resolve("dead.jsonl.parts"))).isFalse();
        assertThat(run.out()).contains("FINISHED").contains("dead letters: " + deadLetters.toAbsolutePath());
    }

    @Test
    void verifierFindsTamperedAndMissingPoints(@TempDir Path dir) throws Exception {
        List<String> args = stores.args("e2e", "e2e_tamper", "notes");
        args.addAll(List.of("--checkpoint-dir", dir.resolve("chk").toString(), "--dead-letter", dir.resolve("d.jsonl").toString()));
        assertThat(MigrationTestStores.migrate(args).exitCode()).isZero();

        String tampered = RecordId.of("notes", MigrationTestStores.key(7)).canonical();
        String deleted = RecordId.of("notes", MigrationTestStores.key(3)).canonical();
        try (QdrantConnection qdrant = stores.qdrantConnection()) {
            qdrant.client().setPayloadAsync("e2e_tamper", Map.of(PayloadFields.CONTENT_HASH, ValueFactory.value("0".repeat(32))),
                    PointIdFactory.id(PointIds.pointId(tampered)), true, null, null).get(30, TimeUnit.SECONDS);
            qdrant.client().deleteAsync("e2e_tamper", List.of(PointIdFactory.id(PointIds.pointId(deleted)))).get(30, TimeUnit.SECONDS);
        }

        VerificationResult result;
        try (SurrealClient surreal = stores.surrealClient("e2e"); QdrantConnection qdrant = stores.qdrantConnection()) {
            result = new MigrationVerifier(surreal, qdrant, "e2e_tamper", List.of("notes"), "vector", DIM).verify();
        }
        assertThat(result.verified()).isEqualTo(NOTES);
        assertThat(result.correct()).isEqualTo(NOTES - 2);
        assertThat(result.hashMismatches()).isEqualTo(1);
        assertThat(result.missing()).isEqualTo(1);
        List<String> problems = new ArrayList<>();
        result.mismatches().forEach(m -> problems.add(m.recordId() + " " + m.problem()));
        assertThat(problems).containsExactlyInAnyOrder(tampered + " content hash differs", deleted + " missing");
    }

    @Test
    void dryRunWritesNothingAndReportsWhatWouldHappen(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("dry.json");
        long upsertsBefore = stores.qdrant.callCount("Upsert");
        List<String> args = stores.args("e2e", "e2e_dry", "docs");
        args.addAll(List.of("--dry-run", "--checkpoint-dir", dir.resolve("chk").toString(),
                "--report", report.toString(), "--dead-letter", dir.resolve("dry-dead.jsonl").toString()));

        MigrationTestStores.Run run = MigrationTestStores.migrate(args);

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(stores.collectionExists("e2e_dry")).isFalse();
        assertThat(stores.qdrant.callCount("Upsert")).isEqualTo(upsertsBefore);
        JsonNode json = JSON.readTree(report.toFile());
        assertThat(json.get("status").asText()).isEqualTo("DRY_RUN");
        assertThat(json.get("dryRun").asBoolean()).isTrue();
        assertThat(json.get("successful").asLong()).isEqualTo(DOCS);
        assertThat(json.get("failed").asLong()).isEqualTo(BAD);
        assertThat(json.at("/deadLettered/byReason/wrong-dimension").asLong()).isEqualTo(1);
        assertThat(json.get("pointsWritten").asLong()).isZero();
        assertThat(run.out()).contains("would be written").contains("would dead-letter");
    }

    @Test
    void yamlConfigurationWithFlagOverride(@TempDir Path dir) throws Exception {
        Path yaml = dir.resolve("migrate.yaml");
        List<String> fromFlags = stores.args("e2e", "ignored_by_flag", "notes");
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < fromFlags.size(); i += 2) {
            String key = fromFlags.get(i).substring(2);
            text.append(key).append(": ").append(key.equals("table") ? "[notes]" : "\"" + fromFlags.get(i + 1) + "\"").append('\n');
        }
        text.append("checkpoint-dir: \"").append(dir.resolve("chk")).append("\"\n");
        text.append("dead-letter: \"").append(dir.resolve("y.jsonl")).append("\"\n");
        Files.writeString(yaml, text.toString());

        MigrationTestStores.Run run = MigrationTestStores.migrate(List.of("--config", yaml.toString(), "--collection", "e2e_yaml"));

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(stores.pointCount("e2e_yaml")).isEqualTo(NOTES);
        assertThat(stores.collectionExists("ignored_by_flag")).isFalse();
    }
}
