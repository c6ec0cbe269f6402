package io.cortexsync.connector.qdrant.admin;

import io.qdrant.client.grpc.Collections.Distance;

import org.apache.flink.annotation.PublicEvolving;

import java.util.OptionalInt;
import java.util.Set;

/**
 * What an existing collection is, as {@link QdrantCollectionAdmin#describe} read it: its one
 * unnamed vector (size, distance, on disk) or the names of its named vectors, its HNSW {@code m}
 * (0 while a bulk load has indexing off) and the points Qdrant counted.
 *
 * @param vectorSize the size of the unnamed vector; empty when the collection has named vectors
 * @param distance the distance of the unnamed vector; {@code null} with named vectors
 * @param namedVectors the names of the collection's named vectors; empty for one unnamed vector
 * @param hnswM the HNSW {@code m} the collection builds its graph with; 0 means indexing is off
 * @param pointsCount the points Qdrant reports (approximate while writes are being applied)
 */
@PublicEvolving
public record CollectionDescription(
        String name,
        OptionalInt vectorSize,
        Distance distance,
        boolean onDiskVectors,
        Set<String> namedVectors,
        long hnswM,
        long pointsCount) {

    public CollectionDescription {
        namedVectors = Set.copyOf(namedVectors);
    }

    /** Whether the collection has one unnamed vector per point, as cortex-sync writes. */
    public boolean hasUnnamedVector() {
        return vectorSize.isPresent();
    }

    /** Whether HNSW indexing is off ({@code m} = 0), as during a bulk load. */
    public boolean indexingOff() {
        return hnswM == 0;
    }
}
