package io.cortexsync.testkit.qdrant;

import io.qdrant.client.grpc.Collections.VectorParams;
import io.qdrant.client.grpc.Collections.VectorsConfig;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The vectors a collection declares: either one unnamed vector (stored under "") or named ones.
 */
final class VectorSchema {

    static final String UNNAMED = "";

    private final Map<String, VectorSpace> spaces;
    private final boolean named;

    private VectorSchema(Map<String, VectorSpace> spaces, boolean named) {
        this.spaces = Map.copyOf(spaces);
        this.named = named;
    }

    static VectorSchema of(VectorsConfig config) {
        Map<String, VectorSpace> spaces = new LinkedHashMap<>();
        switch (config.getConfigCase()) {
            case PARAMS:
                spaces.put(UNNAMED, space(config.getParams(), "vectors_config.params"));
                return new VectorSchema(spaces, false);
            case PARAMS_MAP:
                config.getParamsMap()
                        .getMapMap()
                        .forEach(
                                (name, params) ->
                                        spaces.put(
                                                name,
                                                space(params, "vectors_config.params_map." + name)));
                return new VectorSchema(spaces, true);
            default:
                // A collection may be created without dense vectors.
                return new VectorSchema(spaces, true);
        }
    }

    private static VectorSpace space(VectorParams params, String field) {
        long size = params.getSize();
        if (size < 1 || size > 65536) {
            throw QdrantErrors.validation(
                    field + ".size", "value " + size + " invalid, must be from 1 to 65536");
        }
        return new VectorSpace((int) size, Metric.of(params.getDistanceValue()));
    }

    /** The space of a vector name, or Qdrant's "Not existing vector name" error. */
    VectorSpace require(String name) {
        VectorSpace space = spaces.get(name);
        if (space == null) {
            throw QdrantErrors.unknownVectorName(name);
        }
        return space;
    }

    VectorSpace find(String name) {
        return spaces.get(name);
    }

    /** Whether points are returned with named vectors rather than the single unnamed one. */
    boolean named() {
        return named;
    }
}
