package io.cortexsync.connector.dualwrite.client;

import io.cortexsync.schema.model.SyncEvent;

import java.util.EnumSet;
import java.util.Set;

/**
 * Which sync events answer a change for good. The dual-write job sends exactly one of these per
 * change; {@code RETRYING} only says that the change waits for a store and is followed by one.
 */
public final class FinalEvents {

    private static final Set<SyncEvent.Type> FINAL = EnumSet.of(
            SyncEvent.Type.SYNCED,
            SyncEvent.Type.CONFLICT,
            SyncEvent.Type.COMPENSATED,
            SyncEvent.Type.DEAD_LETTER,
            SyncEvent.Type.FAILED);

    private FinalEvents() {}

    /** SYNCED, CONFLICT, COMPENSATED, DEAD_LETTER and FAILED are final. */
    public static boolean isFinal(SyncEvent.Type type) {
        return FINAL.contains(type);
    }

    public static boolean isFinal(SyncEvent event) {
        return isFinal(event.type());
    }
}
