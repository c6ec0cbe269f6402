package io.cortexsync.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Where the project's files are when tests run from Maven or from an IDE. */
final class ProjectDirs {

    private ProjectDirs() {}

    static Path projectDir() {
        String configured = System.getProperty("cortexsync.project.dir");
        if (configured != null) {
            return Paths.get(configured);
        }
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("flink-conf")) && Files.exists(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the project directory; set -Dcortexsync.project.dir");
    }
}
