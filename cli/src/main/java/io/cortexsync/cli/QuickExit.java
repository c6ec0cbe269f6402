package io.cortexsync.cli;

import java.util.regex.Pattern;

/**
 * Ends the process once a command is done, without the JVM's wait for threads blocked in native
 * I/O: at exit, HotSpot waits up to 300 ms for every thread in a native call (a tenth of a small
 * migration's run). After a command, the only such threads left are the selector threads of the
 * JDK's HTTP clients (the Flink REST client of the cluster commands), which Java 17 gives no way
 * to close; an interrupted selector thread ends at once.
 */
final class QuickExit {

    /** The JDK names each HTTP client's selector thread {@code HttpClient-<n>-SelectorManager}. */
    private static final Pattern HTTP_CLIENT_SELECTOR = Pattern.compile("HttpClient-\\d+-SelectorManager");

    private QuickExit() {}

    static void exit(int exitCode) {
        Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> HTTP_CLIENT_SELECTOR.matcher(thread.getName()).matches())
                .forEach(Thread::interrupt);
        System.exit(exitCode);
    }
}
