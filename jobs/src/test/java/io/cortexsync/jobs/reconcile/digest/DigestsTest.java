package io.cortexsync.jobs.reconcile.digest;

import io.cortexsync.schema.ids.PointIds;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Leaves and Merkle trees: order-independent, updated by +new −old, and the walk finds exactly the differing leaves. */
class DigestsTest {

    private static final int PARTITION_BITS = 8;
    private static final int LEAF_BITS = 8;
    private static final int LEAVES = 1 << LEAF_BITS;

    @Test
    void theOrderOfElementsDoesNotMatter() {
        Map<UUID, String> elements = elements(5_000, new Random(1));
        List<UUID> ids = new ArrayList<>(elements.keySet());
        LeafDigests forward = digest(elements, ids);
        Collections.shuffle(ids, new Random(2));
        LeafDigests shuffled = digest(elements, ids);
        assertThat(shuffled).isEqualTo(forward);
        assertThat(MerkleTree.of(shuffled).root()).isEqualTo(MerkleTree.of(forward).root());
        assertThat(forward.total()).isEqualTo(5_000);
    }

    @Test
    void aChangedElementUpdatesItsLeafByAddingTheNewAndSubtractingTheOld() {
        Map<UUID, String> elements = elements(2_000, new Random(3));
        LeafDigests digests = digest(elements, new ArrayList<>(elements.keySet()));
        UUID changed = elements.keySet().iterator().next();
        String newHash = hash(new Random(4));
        digests.replace(leaf(changed), ElementHash.of(changed, elements.get(changed)), ElementHash.of(changed, newHash));
        UUID removed = new ArrayList<>(elements.keySet()).get(7);
        digests.remove(leaf(removed), ElementHash.of(removed, elements.get(removed)));

        elements.put(changed, newHash);
        elements.remove(removed);
        assertThat(digests).isEqualTo(digest(elements, new ArrayList<>(elements.keySet())));

        // an element gone and back leaves no trace
        digests.add(leaf(removed), ElementHash.of(removed, "0123456789abcdef0123456789abcdef"));
        digests.remove(leaf(removed), ElementHash.of(removed, "0123456789abcdef0123456789abcdef"));
        assertThat(MerkleTree.of(digests).root()).isEqualTo(MerkleTree.of(digest(elements, new ArrayList<>(elements.keySet()))).root());
    }

    @Test
    void theWalkFindsExactlyTheLeavesThatDifferAndComparesFewNodes() {
        Random random = new Random(5);
        Map<UUID, String> source = elements(20_000, random);
        Map<UUID, String> target = new HashMap<>(source);
        TreeSet<Integer> planted = new TreeSet<>();
        List<UUID> ids = new ArrayList<>(source.keySet());
        for (int i = 0; i < 12; i++) {
            UUID id = ids.get(random.nextInt(ids.size()));
            switch (i % 3) {
                case 0 -> target.remove(id);
                case 1 -> target.put(id, hash(random));
                default -> {
                    UUID orphan = pointInPartitionZero(random);
                    target.put(orphan, hash(random));
                    id = orphan;
                }
            }
            planted.add(leaf(id));
        }
        MerkleTree a = MerkleTree.of(digest(source, new ArrayList<>(source.keySet())));
        MerkleTree b = MerkleTree.of(digest(target, new ArrayList<>(target.keySet())));
        MerkleTree.Difference difference = MerkleTree.differingLeaves(a, b);

        assertThat(a.root()).isNotEqualTo(b.root());
        assertThat(difference.leaves()).containsExactlyElementsOf(planted);
        // at most a path of 9 nodes per differing leaf, and their siblings
        assertThat(difference.nodesCompared()).isLessThanOrEqualTo(planted.size() * 2 * (LEAF_BITS + 1));
        assertThat(MerkleTree.differingLeaves(a, a).leaves()).isEmpty();
        assertThat(MerkleTree.differingLeaves(a, a).nodesCompared()).isEqualTo(1);
    }

    /** Elements of partition 0 only, as one side of one partition holds. */
    private static Map<UUID, String> elements(int n, Random random) {
        Map<UUID, String> elements = new HashMap<>();
        while (elements.size() < n) {
            elements.put(pointInPartitionZero(random), hash(random));
        }
        return elements;
    }

    private static UUID pointInPartitionZero(Random random) {
        UUID id = PointIds.pointId("doc:" + random.nextLong());
        // partition 0: clear the top bits, as every id of one partition shares them
        return new UUID(id.getMostSignificantBits() & (-1L >>> PARTITION_BITS), id.getLeastSignificantBits());
    }

    private static String hash(Random random) {
        return String.format("%016x%016x", random.nextLong(), random.nextLong());
    }

    private static int leaf(UUID id) {
        return PointIds.leaf(id, PARTITION_BITS, LEAF_BITS);
    }

    private static LeafDigests digest(Map<UUID, String> elements, List<UUID> order) {
        LeafDigests digests = new LeafDigests(LEAVES);
        for (UUID id : order) {
            digests.add(leaf(id), ElementHash.of(id, elements.get(id)));
        }
        return digests;
    }
}
