package io.cortexsync.cli.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MigrationReportTest {

    @Test
    void jsonHasEveryFieldOfTheIssue() throws Exception {
        MigrationReport report = MigrationReport.builder()
                .status(MigrationReport.Status.FINISHED).migrationId("docs-1").collection("docs").tables(List.of("docs"))
                .totalEntities(1003).successful(1000).failed(3)
                .deadLetteredByReason(Map.of("missing-vector", 2L, "wrong-dimension", 1L)).deadLetterFile("/tmp/d.jsonl")
                .durationMs(2000).checkpoints(4).pointsWritten(1000)
                .verification(new VerificationResult(1000, 999, 0, 1,
                        List.of(new VerificationResult.Mismatch("docs:x", "uuid", "aa", "bb"))))
                .build();
        JsonNode json = new ObjectMapper().readTree(report.toJsonText());
        assertThat(json.get("status").asText()).isEqualTo("FINISHED");
        assertThat(json.get("totalEntities").asLong()).isEqualTo(1003);
        assertThat(json.get("successful").asLong()).isEqualTo(1000);
        assertThat(json.get("failed").asLong()).isEqualTo(3);
        assertThat(json.at("/deadLettered/byReason/missing-vector").asLong()).isEqualTo(2);
        assertThat(json.at("/deadLettered/total").asLong()).isEqualTo(3);
        assertThat(json.get("durationMs").asLong()).isEqualTo(2000);
        assertThat(json.get("throughputPerSecond").asDouble()).isEqualTo(501.5);
        assertThat(json.get("checkpoints").asLong()).isEqualTo(4);
        assertThat(json.at("/verification/totalVerified").asLong()).isEqualTo(1000);
        assertThat(json.at("/verification/correct").asLong()).isEqualTo(999);
        assertThat(json.at("/verification/incorrect").asLong()).isEqualTo(1);
        assertThat(json.at("/verification/mismatches/0/recordId").asText()).isEqualTo("docs:x");
        assertThat(report.ok()).isFalse();
    }
}
