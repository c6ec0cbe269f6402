package io.cortexsync.connector.dualwrite.client;

import io.cortexsync.schema.model.SyncEvent;
import io.cortexsync.testkit.logging.LogCapture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static io.cortexsync.connector.dualwrite.client.PendingRequestsTest.event;
import static org.assertj.core.api.Assertions.assertThat;

class ListenersTest {

    @RegisterExtension
    final LogCapture log = LogCapture.of(Listeners.class);

    private final Listeners listeners = new Listeners();

    @Test
    void aFailingListenerIsLoggedAndTheOthersGoOn() {
        List<SyncEvent> seen = new ArrayList<>();
        listeners.add(e -> {
            throw new IllegalStateException("listener bug");
        });
        listeners.add(e -> {
            throw new AssertionError("a failed check in a listener");
        });
        listeners.add(seen::add);

        listeners.deliver(event(SyncEvent.Type.SYNCED, "r1"));
        listeners.deliver(event(SyncEvent.Type.RETRYING, "r2"));

        assertThat(seen).extracting(SyncEvent::requestId).containsExactly("r1", "r2");
        assertThat(log.messages()).hasSize(4).allSatisfy(m -> assertThat(m).contains("A sync event listener"));
        assertThat(log.events().get(0).getThrown()).hasMessage("listener bug");
    }

    @Test
    void anUnsubscribedListenerHearsNothingMore() {
        List<SyncEvent> seen = new ArrayList<>();
        Subscription subscription = listeners.add(seen::add);
        listeners.deliver(event(SyncEvent.Type.SYNCED, "r1"));

        subscription.unsubscribe();
        subscription.close();
        listeners.deliver(event(SyncEvent.Type.SYNCED, "r2"));

        assertThat(seen).extracting(SyncEvent::requestId).containsExactly("r1");
        assertThat(listeners.size()).isZero();
    }

    @Test
    void aListenerSubscribedTwiceIsTwoSubscriptions() {
        List<SyncEvent> seen = new ArrayList<>();
        Consumer<SyncEvent> listener = seen::add;
        Subscription first = listeners.add(listener);
        listeners.add(listener);

        first.unsubscribe();
        listeners.deliver(event(SyncEvent.Type.SYNCED, "r1"));

        assertThat(seen).hasSize(1);
    }
}
