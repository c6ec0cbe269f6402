package io.cortexsync.testkit.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** The ports of one broker, chosen once so that a restart keeps the addresses clients know. */
final class BrokerPorts {

    final int client;
    final int advertised;
    final int internal;
    final int controller;

    private BrokerPorts(int client, int advertised, int internal, int controller) {
        this.client = client;
        this.advertised = advertised;
        this.internal = internal;
        this.controller = controller;
    }

    /**
     * A zero {@code client} port means any free one; a zero {@code advertised} one means the client
     * port.
     */
    static BrokerPorts choose(int client, int advertised) {
        int clientPort = client == 0 ? freePort() : client;
        return new BrokerPorts(
                clientPort, advertised == 0 ? clientPort : advertised, freePort(), freePort());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
