package io.cortexsync.schema.ids;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PointIdsTest {

    @Test
    void namespaceIsTheUuid5OfCortexSyncInTheUrlNamespace() {
        UUID urlNamespace = UUID.fromString("6ba7b811-9dad-11d1-80b4-00c04fd430c8");
        assertThat(PointIds.nameBased(urlNamespace, "cortex-sync")).isEqualTo(PointIds.NAMESPACE);
        assertThat(PointIds.NAMESPACE).hasToString("a2239ab5-267e-5515-9e1c-e7636280bddd");
    }

    @Test
    void matchesAnIndependentUuid5() {
        // RFC 9562 appendix A.4 example: www.example.com in the DNS namespace.
        UUID dns = UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8");
        assertThat(PointIds.nameBased(dns, "www.example.com"))
                .hasToString("2ed6657d-e927-568b-95e1-2665a8aea6a2");
    }

    /** Golden values from Python's uuid.uuid5 (src/test/python/reference.py). */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "doc:42|d02745a2-dc01-51b9-b1c7-61980bf220de",
                "doc:-7|c50ac58d-97e2-56d5-aeba-8a2d78c97976",
                "doc:intro_2|118b42e1-bdf8-593b-b0af-2be3dd1ba35c",
                "doc:⟨hello world⟩|ae7f776b-b53c-5a64-af8b-2d2764fd8f9b",
                "doc:⟨42⟩|bf822717-da18-5b75-adaa-8c05bd72b078",
                "doc:⟨a\\⟩b⟩|834997c2-04c1-5bff-8fc0-376d1b16f8a3",
                "doc:⟨back\\\\slash⟩|08602491-c032-57f1-9ee4-ba38d63788f3",
                "doc:⟨naïve café 🚀⟩|70d4f8ca-40de-5d9a-a50f-857de5ea8787",
                "doc:0190c5b2-7d4e-7a11-8f00-123456789abc|a3898253-fe00-510e-b95b-839a2e19dfb8",
                "文档:⟨日本語⟩|255e2bbc-d8c5-5f54-be49-2a40409b96b9"
            })
    void goldenPointIds(String canonicalId, String expected) {
        RecordId id = RecordId.parse(canonicalId);
        assertThat(id.canonical()).isEqualTo(canonicalId);
        assertThat(PointIds.pointId(id)).hasToString(expected);
        assertThat(PointIds.pointId(canonicalId)).hasToString(expected);
        assertThat(PointIds.pointId(id).version()).isEqualTo(5);
        assertThat(PointIds.pointId(id).variant()).isEqualTo(2);
    }

    @Test
    void partitionIsTheLeadingBits() {
        UUID id = UUID.fromString("d02745a2-dc01-51b9-b1c7-61980bf220de");
        assertThat(PointIds.partition(id, 8)).isEqualTo(0xd0);
        assertThat(PointIds.partition(id, 4)).isEqualTo(0xd);
        assertThat(PointIds.partition(id, 1)).isEqualTo(1);
        assertThat(PointIds.partition(id, 0)).isZero();
        assertThat(PointIds.partition(id, 16)).isEqualTo(0xd027);
        assertThat(PointIds.partition(id, 31)).isEqualTo(0xd02745a2 >>> 1);
        assertThat(PointIds.leaf(id, 8, 8)).isEqualTo(0x27);
        assertThat(PointIds.leaf(id, 8, 16)).isEqualTo(0x2745);
        assertThat(PointIds.leaf(id, 4, 12)).isEqualTo(0x027);
        assertThat(PointIds.leaf(id, 0, 8)).isEqualTo(0xd0);
    }

    @Test
    void partitionRangesAreContiguousInUnsignedOrder() {
        int bits = 3;
        List<UUID> bounds = new ArrayList<>();
        for (int p = 0; p < (1 << bits); p++) {
            UUID first = PointIds.firstIdOfPartition(p, bits);
            UUID last = PointIds.lastIdOfPartition(p, bits);
            assertThat(PointIds.partition(first, bits)).isEqualTo(p);
            assertThat(PointIds.partition(last, bits)).isEqualTo(p);
            assertThat(PointIds.compareUnsigned(first, last)).isNegative();
            bounds.add(first);
            bounds.add(last);
        }
        assertThat(bounds.get(0)).hasToString("00000000-0000-0000-0000-000000000000");
        assertThat(bounds.get(bounds.size() - 1))
                .hasToString("ffffffff-ffff-ffff-ffff-ffffffffffff");
        assertThat(PointIds.lastIdOfPartition(0, bits))
                .hasToString("1fffffff-ffff-ffff-ffff-ffffffffffff");
        for (int i = 1; i < bounds.size(); i++) {
            assertThat(PointIds.compareUnsigned(bounds.get(i - 1), bounds.get(i))).isNegative();
        }
        assertThat(PointIds.lastIdOfPartition(0, 0))
                .hasToString("ffffffff-ffff-ffff-ffff-ffffffffffff");
        assertThat(PointIds.firstIdOfPartition(Integer.MAX_VALUE, 31))
                .hasToString("fffffffe-0000-0000-0000-000000000000");
    }

    @Test
    void everyPointFallsInsideItsPartitionRange() {
        for (int i = 0; i < 1000; i++) {
            UUID point = PointIds.pointId(RecordId.of("doc", i));
            int p = PointIds.partition(point, 8);
            assertThat(PointIds.compareUnsigned(PointIds.firstIdOfPartition(p, 8), point))
                    .isNegative();
            assertThat(PointIds.compareUnsigned(point, PointIds.lastIdOfPartition(p, 8)))
                    .isNegative();
        }
    }

    @Test
    void partitionsAreRoughlyUniform() {
        int[] counts = new int[16];
        int n = 16_000;
        for (int i = 0; i < n; i++) {
            counts[PointIds.partition(PointIds.pointId(RecordId.of("doc", i)), 4)]++;
        }
        // Expected 1000 per partition, standard deviation ~31: 6 sigma bounds.
        for (int c : counts) {
            assertThat(c).isBetween(810, 1190);
        }
    }

    @Test
    void compareUnsignedDiffersFromUuidCompareTo() {
        UUID low = UUID.fromString("7fffffff-ffff-ffff-ffff-ffffffffffff");
        UUID high = UUID.fromString("80000000-0000-0000-0000-000000000000");
        assertThat(PointIds.compareUnsigned(low, high)).isNegative();
        assertThat(low.compareTo(high)).isPositive();
        UUID a = UUID.fromString("00000000-0000-0000-0000-000000000001");
        UUID b = UUID.fromString("00000000-0000-0000-8000-000000000000");
        assertThat(PointIds.compareUnsigned(a, b)).isNegative();
        assertThat(PointIds.compareUnsigned(a, a)).isZero();
    }

    @Test
    void rejectsBadBitCounts() {
        UUID id = PointIds.pointId("doc:1");
        assertThatThrownBy(() -> PointIds.partition(id, 32)).hasMessageContaining("partitionBits");
        assertThatThrownBy(() -> PointIds.partition(id, -1)).hasMessageContaining("partitionBits");
        assertThatThrownBy(() -> PointIds.leaf(id, 24, 25))
                .hasMessageContaining("partitionBits + leafBits");
        assertThatThrownBy(() -> PointIds.firstIdOfPartition(256, 8)).hasMessageContaining("256");
    }
}
