package io.cortexsync.cli.migrate;

import io.cortexsync.jobs.deadletter.DeadLetterReasons;
import io.cortexsync.jobs.deadletter.DeadLetterPartWriter;
import io.cortexsync.schema.json.SchemaJson;
import io.cortexsync.schema.model.DeadLetter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLetterFilesTest {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void mergesPartsOncePerRecordSortedAndCountsByReason(@TempDir Path dir) throws Exception {
        Path parts = dir.resolve("dead.jsonl.parts");
        try (DeadLetterPartWriter a = new DeadLetterPartWriter(parts, "convert", 0);
                DeadLetterPartWriter b = new DeadLetterPartWriter(parts, "convert", 1);
                DeadLetterPartWriter sink = new DeadLetterPartWriter(parts, "sink", 0)) {
            a.write(letter("docs:b", "vector field 'vector' is missing", "surrealdb-source:sync-entity"));
            a.write(letter("docs:a", "vector has dimension 3, expected 8", "surrealdb-source:sync-entity"));
            // replayed after a restore: the same record again
            b.write(letter("docs:a", "vector has dimension 3, expected 8", "surrealdb-source:sync-entity"));
            sink.write(letter("docs:c", "Bad request: payload too large", "qdrant-sink"));
        }
        Files.writeString(parts.resolve("convert-9-torn.jsonl"), "{\"raw\":\"unfinished");

        DeadLetterFiles.Merged merged = DeadLetterFiles.merge(parts, dir.resolve("dead.jsonl"));

        List<String> lines = Files.readAllLines(dir.resolve("dead.jsonl"));
        assertThat(lines).hasSize(3);
        assertThat(lines).extracting(l -> SchemaJson.DEAD_LETTER.read(l).recordId()).containsExactly("docs:a", "docs:b", "docs:c");
        assertThat(merged.byReason()).isEqualTo(Map.of("wrong-dimension", 1L, "missing-vector", 1L, "rejected-by-qdrant", 1L));
        assertThat(merged.total()).isEqualTo(3);

        DeadLetterFiles.deleteParts(parts);
        assertThat(parts).doesNotExist();
    }

    @Test
    void noPartsGiveAnEmptyFile(@TempDir Path dir) throws Exception {
        DeadLetterFiles.Merged merged = DeadLetterFiles.merge(dir.resolve("none"), dir.resolve("out/dead.jsonl"));
        assertThat(merged.total()).isZero();
        assertThat(dir.resolve("out/dead.jsonl")).exists().isEmptyFile();
    }

    @Test
    void reasonKeys() {
        assertThat(DeadLetterReasons.key("s", "vector field 'v' is a String, not an array of numbers")).isEqualTo("not-a-vector");
        assertThat(DeadLetterReasons.key("s", "vector field 'v' is empty")).isEqualTo("missing-vector");
        assertThat(DeadLetterReasons.key("s", "vector element 3 is NaN")).isEqualTo("non-finite");
        assertThat(DeadLetterReasons.key("s", "vector element 3 is Infinity")).isEqualTo("non-finite");
        assertThat(DeadLetterReasons.key("s", "record id: bad key")).isEqualTo("bad-id");
        assertThat(DeadLetterReasons.key("s", "metadata: not JSON")).isEqualTo("bad-metadata");
        assertThat(DeadLetterReasons.key("qdrant-sink", "INVALID_ARGUMENT")).isEqualTo("rejected-by-qdrant");
        assertThat(DeadLetterReasons.key("x", "who knows")).isEqualTo("other");
    }

    private static DeadLetter letter(String id, String reason, String stage) {
        return DeadLetter.of("{\"id\":\"" + id + "\"}", reason, stage, id, T);
    }
}
