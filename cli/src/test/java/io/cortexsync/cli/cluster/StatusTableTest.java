package io.cortexsync.cli.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.api.common.JobStatus;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

class StatusTableTest {

    private static final JobStatusLine CDC = new JobStatusLine("a1b2c3d4e5f60718293a4b5c6d7e8f90", "cortex-sync cdc docs -> docs",
            JobStatus.RUNNING, 7_530_000, OptionalLong.of(752), OptionalLong.of(4_200), OptionalLong.of(850));
    private static final JobStatusLine MIGRATE = new JobStatusLine("0f1e2d3c4b5a69788796a5b4c3d2e1f0",
            "cortex-sync migrate note -> notes", JobStatus.FINISHED, 42_000, OptionalLong.empty(), OptionalLong.empty(),
            OptionalLong.empty());

    @Test
    void oneAlignedLinePerJobUnderAHeader() {
        assertThat(StatusTable.table(List.of(CDC, MIGRATE))).isEqualTo(""
                + "JOB ID                            NAME                               STATE     UPTIME  CHECKPOINT   LAG\n"
                + "a1b2c3d4e5f60718293a4b5c6d7e8f90  cortex-sync cdc docs -> docs       RUNNING   2h 05m  #752 4s ago  850ms\n"
                + "0f1e2d3c4b5a69788796a5b4c3d2e1f0  cortex-sync migrate note -> notes  FINISHED  42s     -            -\n");
    }

    @Test
    void jsonCarriesTheSameFiguresInMilliseconds() throws Exception {
        JsonNode json = new ObjectMapper().readTree(StatusTable.json(List.of(CDC, MIGRATE)));

        assertThat(json).hasSize(2);
        assertThat(json.get(0).path("id").asText()).isEqualTo(CDC.id());
        assertThat(json.get(0).path("state").asText()).isEqualTo("RUNNING");
        assertThat(json.get(0).path("uptimeMs").asLong()).isEqualTo(7_530_000);
        assertThat(json.get(0).path("lastCheckpoint").path("id").asLong()).isEqualTo(752);
        assertThat(json.get(0).path("lastCheckpoint").path("ageMs").asLong()).isEqualTo(4_200);
        assertThat(json.get(0).path("lagMs").asLong()).isEqualTo(850);
        assertThat(json.get(1).path("lastCheckpoint").isNull()).isTrue();
        assertThat(json.get(1).path("lagMs").isNull()).isTrue();
    }

    @Test
    void durationsReadAsPeopleSayThem() {
        assertThat(StatusTable.duration(0)).isEqualTo("0ms");
        assertThat(StatusTable.duration(999)).isEqualTo("999ms");
        assertThat(StatusTable.duration(59_999)).isEqualTo("59s");
        assertThat(StatusTable.duration(187_000)).isEqualTo("3m 07s");
        assertThat(StatusTable.duration(7_530_000)).isEqualTo("2h 05m");
        assertThat(StatusTable.duration(273_600_000)).isEqualTo("3d 04h");
    }
}
