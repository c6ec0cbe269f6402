package io.cortexsync.testkit.qdrant;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.qdrant.client.grpc.Common.PointId;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PointKeyTest {

    private static PointKey uuid(String text) {
        return PointKey.from(PointId.newBuilder().setUuid(text).build());
    }

    @Test
    void numbersSortUnsignedBeforeUuidsWhichSortAs128BitUnsigned() {
        List<PointKey> expected = List.of(
                PointKey.ofNumber(0),
                PointKey.ofNumber(Long.MAX_VALUE),
                PointKey.ofNumber(Long.MIN_VALUE),
                PointKey.ofNumber(-1L),
                uuid("00000000-0000-0000-0000-000000000001"),
                uuid("00000000-0000-0000-ffff-ffffffffffff"),
                uuid("00000000-0000-0001-0000-000000000000"),
                uuid("ffffffff-ffff-ffff-ffff-ffffffffffff"));
        List<PointKey> shuffled = new ArrayList<>(expected);
        Collections.shuffle(shuffled, new java.util.Random(1));
        Collections.sort(shuffled);
        assertThat(shuffled).containsExactlyElementsOf(expected);
        assertThat(PointKey.ofNumber(-1L)).hasToString("18446744073709551615");
    }

    @Test
    void acceptsTheUuidFormsQdrantAcceptsAndPrintsThemLowerCaseHyphenated() {
        String canonical = "67e55044-10b1-426f-9247-bb680e5fe0c8";
        for (String form : List.of(
                canonical,
                canonical.toUpperCase(),
                canonical.replace("-", ""),
                "urn:uuid:" + canonical,
                "{" + canonical + "}")) {
            assertThat(uuid(form)).as(form).isEqualTo(PointKey.ofUuid(UUID.fromString(canonical)));
            assertThat(uuid(form).toPointId().getUuid()).isEqualTo(canonical);
        }
    }

    @Test
    void refusesEverythingElseWithQdrantsMessage() {
        for (String bad : List.of("", "1-1-1-1-1", "67e55044-10b1-426f-9247-bb680e5fe0c", "67e55044_10b1_426f_9247_bb680e5fe0c8",
                "zze55044-10b1-426f-9247-bb680e5fe0c8", "URN:UUID:67e55044-10b1-426f-9247-bb680e5fe0c8")) {
            assertThatThrownBy(() -> uuid(bad))
                    .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                        assertThat(e.getStatus().getDescription()).isEqualTo("Unable to parse UUID: " + bad);
                    });
        }
    }
}
