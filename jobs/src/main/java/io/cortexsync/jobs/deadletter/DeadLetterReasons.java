package io.cortexsync.jobs.deadletter;

import java.util.Locale;

/**
 * Sorts a dead letter's reason text into a short class for counting: {@code missing-vector},
 * {@code not-a-vector}, {@code wrong-dimension}, {@code non-finite}, {@code bad-id},
 * {@code bad-metadata}, {@code rejected-by-qdrant} or {@code other}.
 */
public final class DeadLetterReasons {

    private DeadLetterReasons() {}

    public static String key(String stage, String reason) {
        String r = reason == null ? "" : reason.toLowerCase(Locale.ROOT);
        if (r.contains("is missing") || r.contains("is empty")) {
            return "missing-vector";
        }
        if (r.contains("not an array of numbers")) {
            return "not-a-vector";
        }
        if (r.contains("dimension")) {
            return "wrong-dimension";
        }
        if (r.contains("nan") || r.contains("infinity") || r.contains("finite")) {
            return "non-finite";
        }
        if (r.startsWith("record id")) {
            return "bad-id";
        }
        if (r.startsWith("metadata") || r.contains("workspace") || r.contains("version field")) {
            return "bad-metadata";
        }
        if (stage != null && stage.startsWith("qdrant")) {
            return "rejected-by-qdrant";
        }
        return "other";
    }
}
