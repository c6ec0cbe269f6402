package io.cortexsync.cli.chaos;

import io.cortexsync.testkit.logging.LogCapture;

import org.apache.flink.runtime.taskmanager.Task;

/**
 * How a job in this JVM met a fault, from its tasks' log: it rode through (its connectors retried
 * and no task failed) or tasks failed and Flink restored them from the last checkpoint. With
 * region failover only the failed tasks' region restarts, so the job itself never leaves RUNNING:
 * the tasks' failures are what tell.
 */
public final class JobRestarts {

    private JobRestarts() {}

    /** Register with {@code @RegisterExtension}: each task failure is logged at WARN. */
    public static LogCapture capture() {
        return LogCapture.of(Task.class);
    }

    public static long taskFailures(LogCapture tasks) {
        return tasks.messages().stream().filter(m -> m.contains("to FAILED")).count();
    }

    /** The fault row's outcome. */
    public static String outcome(LogCapture tasks) {
        long failures = taskFailures(tasks);
        return failures == 0 ? "rode-through" : "restored-after-" + failures + "-task-failures";
    }
}
