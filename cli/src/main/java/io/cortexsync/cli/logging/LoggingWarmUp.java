package io.cortexsync.cli.logging;

import org.slf4j.LoggerFactory;

/**
 * Sets up the logging system (log4j reads its configuration files and finds its plugins on every
 * jar of the class path: about 0.2 s) on a thread of its own while the command line is parsed;
 * the first class that asks for a logger afterwards finds it ready instead of setting it up on
 * the command's own path.
 */
public final class LoggingWarmUp {

    private LoggingWarmUp() {}

    /** Starts setting up the logging system in the background; returns at once. */
    public static void start() {
        Thread thread = new Thread(() -> LoggerFactory.getLogger(LoggingWarmUp.class), "cortex-sync-logging-setup");
        thread.setDaemon(true);
        thread.start();
    }
}
