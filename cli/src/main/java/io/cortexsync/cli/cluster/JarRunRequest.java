package io.cortexsync.cli.cluster;

import java.util.List;
import java.util.Optional;

/**
 * What {@code POST /jars/<id>/run} runs: the entry class with its arguments, optionally restored
 * from a savepoint or retained checkpoint ({@code savepointPath}) and with a default parallelism.
 */
public record JarRunRequest(String entryClass, List<String> programArgs, Optional<String> savepointPath, Optional<Integer> parallelism) {

    public JarRunRequest {
        programArgs = List.copyOf(programArgs);
    }

    public static JarRunRequest of(String entryClass, List<String> programArgs) {
        return new JarRunRequest(entryClass, programArgs, Optional.empty(), Optional.empty());
    }

    /** The same run, restored from {@code path} (a savepoint or a retained {@code chk-N} directory). */
    public JarRunRequest restoredFrom(String path) {
        return new JarRunRequest(entryClass, programArgs, Optional.of(path), parallelism);
    }

    public JarRunRequest withParallelism(int value) {
        return new JarRunRequest(entryClass, programArgs, savepointPath, Optional.of(value));
    }
}
