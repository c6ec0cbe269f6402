package io.cortexsync.connector.dualwrite.client;

import io.cortexsync.schema.model.SyncEvent;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The subscribers to every event the client reads. A listener that throws is logged and skipped:
 * one application bug must not stop the answers of every other request.
 */
final class Listeners {

    private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);

    /** One per subscription, so that subscribing one listener twice gives two to unsubscribe. */
    private static final class Registration {
        final Consumer<SyncEvent> listener;

        Registration(Consumer<SyncEvent> listener) {
            this.listener = listener;
        }
    }

    // few subscribers, read for every event: copy on write keeps delivery free of locks
    private final List<Registration> registrations = new CopyOnWriteArrayList<>();

    Subscription add(Consumer<SyncEvent> listener) {
        Registration registration = new Registration(listener);
        registrations.add(registration);
        return () -> registrations.remove(registration);
    }

    void deliver(SyncEvent event) {
        for (Registration registration : registrations) {
            try {
                registration.listener.accept(event);
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Throwable e) {
                LOG.warn("A sync event listener ({}) failed on {}; the other listeners and the answers go on",
                        registration.listener, event, e);
            }
        }
    }

    int size() {
        return registrations.size();
    }
}
