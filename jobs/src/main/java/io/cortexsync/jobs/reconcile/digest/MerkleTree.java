package io.cortexsync.jobs.reconcile.digest;

import java.util.ArrayList;
import java.util.List;

/**
 * A binary Merkle tree over one side's {@link LeafDigests}: node i has children 2i and 2i+1, the
 * leaves are nodes {@code leaves .. 2·leaves−1}. Two sides with equal roots hold the same
 * elements (up to a 2^-64 chance); otherwise {@link #differingLeaves} walks down only where the
 * nodes differ, so the work follows the number of differences, not the partition's size.
 */
public final class MerkleTree {

    private final long[] nodes;
    private final int leaves;

    private MerkleTree(long[] nodes, int leaves) {
        this.nodes = nodes;
        this.leaves = leaves;
    }

    public static MerkleTree of(LeafDigests digests) {
        int leaves = digests.leaves();
        long[] nodes = new long[2 * leaves];
        for (int leaf = 0; leaf < leaves; leaf++) {
            // an empty leaf hashes to 0 whatever happened to it, so a side that lost an
            // element and got it back equals one that never changed
            nodes[leaves + leaf] = digests.count(leaf) == 0 && digests.sum(leaf) == 0
                    ? 0
                    : ElementHash.mix(ElementHash.mix(digests.count(leaf) + 0x9e3779b97f4a7c15L) ^ digests.sum(leaf));
        }
        for (int node = leaves - 1; node >= 1; node--) {
            nodes[node] = ElementHash.mix(nodes[2 * node] * 31 + ElementHash.mix(nodes[2 * node + 1] ^ node));
        }
        return new MerkleTree(nodes, leaves);
    }

    public long root() {
        return nodes[1];
    }

    /** The leaves whose digests differ between the two sides, in order, and how many nodes the walk compared. */
    public static Difference differingLeaves(MerkleTree a, MerkleTree b) {
        if (a.leaves != b.leaves) {
            throw new IllegalArgumentException("trees of " + a.leaves + " and " + b.leaves + " leaves");
        }
        List<Integer> differing = new ArrayList<>();
        int compared = walk(a, b, 1, differing);
        return new Difference(differing, compared);
    }

    private static int walk(MerkleTree a, MerkleTree b, int node, List<Integer> differing) {
        if (a.nodes[node] == b.nodes[node]) {
            return 1;
        }
        if (node >= a.leaves) {
            differing.add(node - a.leaves);
            return 1;
        }
        return 1 + walk(a, b, 2 * node, differing) + walk(a, b, 2 * node + 1, differing);
    }

    /** The differing leaves and the nodes compared to find them. */
    public record Difference(List<Integer> leaves, int nodesCompared) {}
}
