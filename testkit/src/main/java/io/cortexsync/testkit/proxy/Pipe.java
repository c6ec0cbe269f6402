package io.cortexsync.testkit.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;

/**
 * Copies one direction of a connection: a reader thread stamps each chunk with its arrival time, a
 * writer thread sends it on once the injected latency has passed, in arrival order.
 */
final class Pipe {

    private static final int CHUNK_SIZE = 64 * 1024;
    // Bounds the data held back per direction: a full queue stops reading, so TCP pushes back.
    private static final int MAX_QUEUED_CHUNKS = 32;
    private static final Chunk END_OF_STREAM = new Chunk(new byte[0], 0);

    private final Socket from;
    private final Socket to;
    private final Faults faults;
    private final LongAdder bytesForwarded;
    private final Runnable onEndDelivered;
    private final Runnable onFailure;
    private final BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(MAX_QUEUED_CHUNKS);
    private Future<?> reader;
    private Future<?> writer;

    Pipe(
            Socket from,
            Socket to,
            Faults faults,
            LongAdder bytesForwarded,
            Runnable onEndDelivered,
            Runnable onFailure) {
        this.from = from;
        this.to = to;
        this.faults = faults;
        this.bytesForwarded = bytesForwarded;
        this.onEndDelivered = onEndDelivered;
        this.onFailure = onFailure;
    }

    synchronized void start(ExecutorService threads) {
        reader = threads.submit(this::read);
        writer = threads.submit(this::write);
    }

    /** Stops both tasks; close the sockets first, as blocked socket I/O ignores interrupts. */
    synchronized void stop() {
        if (reader != null) {
            reader.cancel(true);
            writer.cancel(true);
        }
    }

    private void read() {
        try {
            InputStream in = from.getInputStream();
            byte[] buffer = new byte[CHUNK_SIZE];
            int n;
            while ((n = in.read(buffer)) != -1) {
                queue.put(new Chunk(Arrays.copyOf(buffer, n), System.nanoTime()));
            }
            queue.put(END_OF_STREAM);
        } catch (IOException e) {
            onFailure.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void write() {
        try {
            OutputStream out = to.getOutputStream();
            Chunk chunk;
            while ((chunk = queue.take()) != END_OF_STREAM) {
                faults.awaitDelivery(chunk.receivedAtNanos);
                out.write(chunk.data);
                bytesForwarded.add(chunk.data.length);
            }
            // Half-close: the other direction may still carry the answer.
            to.shutdownOutput();
            onEndDelivered.run();
        } catch (IOException e) {
            onFailure.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class Chunk {
        final byte[] data;
        final long receivedAtNanos;

        Chunk(byte[] data, long receivedAtNanos) {
            this.data = data;
            this.receivedAtNanos = receivedAtNanos;
        }
    }
}
