package io.cortexsync.connector.surrealdb.sink.internal;

import java.io.IOException;
import java.util.List;

/**
 * Writes the items of a transaction the server rejected by writing each half as a transaction of
 * its own, halving the rejected halves again down to single items: every item the server accepts
 * is written, and each single item it still rejects is handed over with the server's reason.
 *
 * <p>Halves are written in order, the first before the second, so later writes of the same record
 * still win. With {@code k} rejected items among {@code n}, it takes at most about
 * {@code 2 k log2(n)} transactions.
 */
final class Bisection {

    /** Writes items as one transaction: all of them, or none when it throws. */
    @FunctionalInterface
    interface Transaction<T> {
        void write(List<T> items) throws IOException, InterruptedException, WriteRejectedException;
    }

    /** Hears an item that the server rejects even alone. */
    @FunctionalInterface
    interface RejectedItems<T> {
        void rejected(T item, WriteRejectedException reason);
    }

    private Bisection() {}

    /**
     * Writes {@code items}, whose transaction was rejected with {@code rejection}, in halves.
     * Failures other than rejections (transport, authentication, ...) are thrown as they come;
     * the halves written before stay written, which is safe because writes are idempotent.
     */
    static <T> void writeAround(
            List<T> items, WriteRejectedException rejection, Transaction<T> transaction, RejectedItems<T> rejected)
            throws IOException, InterruptedException {
        if (items.size() == 1) {
            rejected.rejected(items.get(0), rejection);
            return;
        }
        int half = items.size() / 2;
        write(items.subList(0, half), transaction, rejected);
        write(items.subList(half, items.size()), transaction, rejected);
    }

    private static <T> void write(List<T> items, Transaction<T> transaction, RejectedItems<T> rejected)
            throws IOException, InterruptedException {
        try {
            transaction.write(items);
        } catch (WriteRejectedException rejection) {
            writeAround(items, rejection, transaction, rejected);
        }
    }
}
