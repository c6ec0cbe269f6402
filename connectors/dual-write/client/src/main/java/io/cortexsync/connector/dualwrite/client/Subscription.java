package io.cortexsync.connector.dualwrite.client;

/** A listener's registration with {@link DualWriteClient#subscribe}; closing it unsubscribes. */
public interface Subscription extends AutoCloseable {

    /**
     * Stops delivering events to the listener; calling it again does nothing. An event being
     * delivered at this moment may still reach it.
     */
    void unsubscribe();

    @Override
    default void close() {
        unsubscribe();
    }
}
