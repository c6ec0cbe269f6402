package io.cortexsync.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The launcher's class-data archive is recorded by a command's first run after a build, as the JVM
 * exits. Only a run that succeeded loaded the classes later runs need (a run stopped by a wrong
 * option loads a fraction of them), so the run marks its success next to the recording, and the
 * launcher keeps only marked recordings.
 */
final class ClassDataRecording {

    /** Where the launcher asked the JVM to write the archive; absent when nothing is recorded. */
    static final String RECORDING_PROPERTY = "cortexsync.cds.recording";

    private ClassDataRecording() {}

    /** Marks the recording of this run as worth keeping when the command exits with {@code exitCode} 0. */
    static void markIfSucceeded(int exitCode) {
        String recording = System.getProperty(RECORDING_PROPERTY);
        if (recording == null || exitCode != 0) {
            return;
        }
        try {
            Files.writeString(Path.of(recording + ".ok"), "");
        } catch (IOException e) {
            // without the mark the next run records again: slower once, never wrong
        }
    }
}
