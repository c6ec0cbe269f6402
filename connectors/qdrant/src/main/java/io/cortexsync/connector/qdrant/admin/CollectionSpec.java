package io.cortexsync.connector.qdrant.admin;

import io.qdrant.client.grpc.Collections.Distance;

import org.apache.flink.annotation.PublicEvolving;

import java.io.Serializable;
import java.util.Objects;

/** The collection a job needs: its name, the size and distance of its unnamed vector, and where vectors live. */
@PublicEvolving
public final class CollectionSpec implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Qdrant's own limit on the size of a dense vector. */
    public static final int MAX_VECTOR_SIZE = 65536;

    private final String name;
    private final int vectorSize;
    private final Distance distance;
    private final boolean onDiskVectors;

    private CollectionSpec(String name, int vectorSize, Distance distance, boolean onDiskVectors) {
        this.name = name;
        this.vectorSize = vectorSize;
        this.distance = distance;
        this.onDiskVectors = onDiskVectors;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String name() {
        return name;
    }

    public int vectorSize() {
        return vectorSize;
    }

    public Distance distance() {
        return distance;
    }

    /** Whether a collection created from this spec keeps its vectors on disk (memory-mapped). */
    public boolean onDiskVectors() {
        return onDiskVectors;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof CollectionSpec)) {
            return false;
        }
        CollectionSpec that = (CollectionSpec) o;
        return vectorSize == that.vectorSize
                && onDiskVectors == that.onDiskVectors
                && name.equals(that.name)
                && distance == that.distance;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, vectorSize, distance, onDiskVectors);
    }

    @Override
    public String toString() {
        return "collection '" + name + "' (size " + vectorSize + ", " + distance
                + (onDiskVectors ? ", vectors on disk" : "") + ")";
    }

    /** Builder; name, vector size and distance are required. */
    public static final class Builder {
        private String name;
        private int vectorSize;
        private Distance distance;
        private boolean onDiskVectors;

        private Builder() {}

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder vectorSize(int vectorSize) {
            this.vectorSize = vectorSize;
            return this;
        }

        public Builder distance(Distance distance) {
            this.distance = distance;
            return this;
        }

        public Builder onDiskVectors(boolean onDiskVectors) {
            this.onDiskVectors = onDiskVectors;
            return this;
        }

        public CollectionSpec build() {
            if (name == null || name.isEmpty() || name.length() > 255) {
                throw new IllegalArgumentException("qdrant.collection must be 1 to 255 characters, got '" + name + "'");
            }
            if (vectorSize < 1 || vectorSize > MAX_VECTOR_SIZE) {
                throw new IllegalArgumentException(
                        "qdrant.collection.vector-size must be 1.." + MAX_VECTOR_SIZE + ", got " + vectorSize);
            }
            if (distance == null || distance == Distance.UnknownDistance || distance == Distance.UNRECOGNIZED) {
                throw new IllegalArgumentException(
                        "qdrant.collection.distance must be one of Cosine, Euclid, Dot, Manhattan, got " + distance);
            }
            return new CollectionSpec(name, vectorSize, distance, onDiskVectors);
        }
    }
}
