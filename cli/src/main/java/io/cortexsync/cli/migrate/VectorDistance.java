package io.cortexsync.cli.migrate;

import io.qdrant.client.grpc.Collections.Distance;

import java.util.Locale;

/** The distance of the collection's vectors, named as Qdrant names them. */
public enum VectorDistance {
    COSINE(Distance.Cosine),
    DOT(Distance.Dot),
    EUCLID(Distance.Euclid),
    MANHATTAN(Distance.Manhattan);

    private final Distance qdrant;

    VectorDistance(Distance qdrant) {
        this.qdrant = qdrant;
    }

    public Distance qdrant() {
        return qdrant;
    }

    /** The distance named {@code text}, in any case ({@code cosine}, {@code Dot}, ...). */
    public static VectorDistance parse(String text) {
        for (VectorDistance d : values()) {
            if (d.name().equalsIgnoreCase(text.trim())) {
                return d;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is no distance (cosine, dot, euclid, manhattan)");
    }

    /** Lower case, as the command line takes it. */
    public String optionValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
