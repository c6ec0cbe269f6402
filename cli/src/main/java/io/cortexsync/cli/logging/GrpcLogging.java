package io.cortexsync.cli.logging;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * gRPC logs through java.util.logging, whose console handler prints INFO on stderr (for example
 * which native transport Netty found): the command line keeps its warnings only.
 */
public final class GrpcLogging {

    /** Held: java.util.logging forgets the level of a logger nobody references. */
    private static final Logger GRPC = Logger.getLogger("io.grpc");

    private GrpcLogging() {}

    /** Keeps gRPC's warnings and errors, drops its notes. */
    public static void warningsOnly() {
        GRPC.setLevel(Level.WARNING);
    }
}
