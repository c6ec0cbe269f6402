package io.cortexsync.testkit.kafka;

import io.cortexsync.testkit.net.FreePorts;

import java.util.List;
import java.util.Set;

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
        List<Integer> free = FreePorts.distinct(client == 0 ? 3 : 2, client == 0 ? Set.of() : Set.of(client));
        int clientPort = client == 0 ? free.get(2) : client;
        return new BrokerPorts(clientPort, advertised == 0 ? clientPort : advertised, free.get(0), free.get(1));
    }
}
