package io.cortexsync.connector.surrealdb.client;

import org.apache.flink.annotation.PublicEvolving;

import java.util.Set;

/**
 * How to run a query.
 *
 * @param idempotent whether running it twice does no harm, which allows retries after transport
 *     failures (a retried request may have run already)
 * @param rawResults return {@code ERR} statements as results instead of throwing
 * @param floatArrayFields object fields whose arrays of numbers are read as {@code float[]}
 *     (vectors), sparing the boxing of every element
 */
@PublicEvolving
public record QueryOptions(boolean idempotent, boolean rawResults, Set<String> floatArrayFields) {

    /** Not idempotent, statuses checked, no float arrays. */
    public static final QueryOptions DEFAULTS = new QueryOptions(false, false, Set.of());

    public QueryOptions {
        floatArrayFields = Set.copyOf(floatArrayFields);
    }

    public QueryOptions withIdempotent(boolean idempotent) {
        return new QueryOptions(idempotent, rawResults, floatArrayFields);
    }

    public QueryOptions withRawResults(boolean rawResults) {
        return new QueryOptions(idempotent, rawResults, floatArrayFields);
    }

    public QueryOptions withFloatArrayFields(String... fields) {
        return new QueryOptions(idempotent, rawResults, Set.of(fields));
    }
}
