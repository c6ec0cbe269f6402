package io.cortexsync.testkit.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Free loopback ports for servers that must be told their ports before they start. */
public final class FreePorts {

    private FreePorts() {}

    /**
     * {@code count} free loopback ports, all different and none of {@code taken}. Their sockets stay
     * open until all are chosen: a port closed at once may be handed out again by the next pick, and
     * two listeners told the same port keep a server from starting.
     */
    public static List<Integer> distinct(int count, Set<Integer> taken) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            List<Integer> ports = new ArrayList<>();
            while (ports.size() < count) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                held.add(socket);
                if (!taken.contains(socket.getLocalPort())) {
                    ports.add(socket.getLocalPort());
                }
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket socket : held) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // the port was only looked at
                }
            }
        }
    }
}
