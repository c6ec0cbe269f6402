package io.cortexsync.connector.dualwrite.commit;

import org.apache.flink.annotation.Internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * The fault tests' hook: with the environment variable {@value #DIR_ENV} naming a directory whose
 * file {@code pause-at} names a {@link Step}, the first process to reach that step writes its pid
 * to {@code reached-<step>} and waits there to be killed (at most five minutes). Inert without
 * the variable, which nothing but those tests sets.
 */
@Internal
public final class CommitFaults {

    /** The points of a commit where a crash is tested. */
    public enum Step {
        /** The committables are in the completed checkpoint; nothing is written yet. */
        BEFORE_COMMIT,
        /** SurrealDB holds the committable and its marker; Qdrant does not. */
        AFTER_SURREALDB,
        /** Qdrant holds the committable's upserts, not yet its deletes. */
        MID_QDRANT,
        /** Both stores hold the committable and the marker says done; no event is out. */
        BEFORE_EVENTS
    }

    public static final String DIR_ENV = "CORTEX_SYNC_DUAL_WRITE_FAULT_DIR";

    private static final Duration MAX_PAUSE = Duration.ofMinutes(5);
    private static final Path DIR = dir();

    private CommitFaults() {}

    /** Pauses here once if a fault test asked for this step; returns at once otherwise. */
    public static void at(Step step) {
        if (DIR == null || !step.name().equals(asked())) {
            return;
        }
        try {
            Files.writeString(Files.createFile(DIR.resolve("reached-" + step.name().toLowerCase(Locale.ROOT))),
                    String.valueOf(ProcessHandle.current().pid()), StandardCharsets.UTF_8);
        } catch (FileAlreadyExistsException e) {
            return;
        } catch (IOException e) {
            throw new IllegalStateException("fault hook: cannot write to " + DIR, e);
        }
        long until = System.nanoTime() + MAX_PAUSE.toNanos();
        while (System.nanoTime() < until) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static String asked() {
        try {
            Path file = DIR.resolve("pause-at");
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8).trim() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static Path dir() {
        String dir = System.getenv(DIR_ENV);
        return dir == null || dir.isBlank() ? null : Path.of(dir);
    }
}
