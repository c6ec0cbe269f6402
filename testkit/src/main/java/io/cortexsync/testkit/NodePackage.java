package io.cortexsync.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Finds the testkit's Node package (the directory holding {@code surreal-server.mjs}). */
public final class NodePackage {

    public static final String DIR_PROPERTY = "cortexsync.node.dir";
    public static final String DIR_ENV = "CORTEX_SYNC_NODE_DIR";
    public static final String EXECUTABLE_PROPERTY = "cortexsync.node.executable";

    private NodePackage() {}

    /** The system property, then the environment variable, then {@code testkit/node} above the working directory. */
    public static Path directory() {
        String configured = System.getProperty(DIR_PROPERTY);
        if (configured == null || configured.isBlank()) {
            configured = System.getenv(DIR_ENV);
        }
        if (configured != null && !configured.isBlank()) {
            return requirePackage(Paths.get(configured).toAbsolutePath().normalize());
        }
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("testkit").resolve("node");
            if (Files.isRegularFile(candidate.resolve("package.json"))) {
                return requirePackage(candidate);
            }
        }
        throw new IllegalStateException(
                "Cannot find the testkit Node package: set -D" + DIR_PROPERTY + " or " + DIR_ENV);
    }

    /** The {@code node} command; {@code -Dcortexsync.node.executable} overrides it. */
    public static String executable() {
        return System.getProperty(EXECUTABLE_PROPERTY, "node");
    }

    private static Path requirePackage(Path dir) {
        if (!Files.isDirectory(dir.resolve("node_modules"))) {
            throw new IllegalStateException(
                    "The Node package at " + dir + " has no node_modules: run `npm ci` there first");
        }
        return dir;
    }
}
