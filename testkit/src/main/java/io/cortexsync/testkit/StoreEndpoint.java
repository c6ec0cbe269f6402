package io.cortexsync.testkit;

/**
 * Where a test finds a store: a real server named by a system property, or one the testkit started
 * for the test and stops again on close. Tests run unchanged against either, so the stand-ins are
 * checked against the real servers wherever one can run.
 */
public abstract class StoreEndpoint implements AutoCloseable {

    private final String description;
    private final Runnable stopEmbedded;

    /**
     * @param description what {@link #toString()} says, for test logs
     * @param stopEmbedded stops the server started for the test; null for a real, external one
     */
    protected StoreEndpoint(String description, Runnable stopEmbedded) {
        this.description = description;
        this.stopEmbedded = stopEmbedded;
    }

    /** The trimmed value of {@code property}; empty when the tests are to start their own server. */
    protected static String externalAddress(String property) {
        return System.getProperty(property, "").trim();
    }

    /** True when the tests talk to a real server rather than one started for them. */
    public final boolean isExternal() {
        return stopEmbedded == null;
    }

    /** Stops the server started for the test; a real server is left running. */
    @Override
    public final void close() {
        if (stopEmbedded != null) {
            stopEmbedded.run();
        }
    }

    @Override
    public final String toString() {
        return description;
    }
}
