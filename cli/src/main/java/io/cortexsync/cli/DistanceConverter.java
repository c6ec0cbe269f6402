package io.cortexsync.cli;

import io.cortexsync.cli.migrate.VectorDistance;
import picocli.CommandLine.ITypeConverter;

/** {@code --distance cosine|dot|euclid|manhattan}, in any case. */
public final class DistanceConverter implements ITypeConverter<VectorDistance> {

    @Override
    public VectorDistance convert(String value) {
        return VectorDistance.parse(value);
    }
}
