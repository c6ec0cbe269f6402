package io.cortexsync.connector.surrealdb.source.reader;

import io.cortexsync.connector.surrealdb.source.SurrealSourceConfig;

import java.util.LinkedHashMap;
import java.util.Map;

/** Keeps the projected fields of a record from the change feed, which always carries all of them. */
final class Projection {

    private Projection() {}

    static Map<String, Object> apply(SurrealSourceConfig config, Map<String, Object> fields) {
        if (config.fields().isEmpty()) {
            return fields;
        }
        Map<String, Object> projected = new LinkedHashMap<>();
        projected.put("id", fields.get("id"));
        for (String name : config.fields()) {
            if (fields.containsKey(name)) {
                projected.put(name, fields.get(name));
            }
        }
        for (String name : config.vectorFields()) {
            if (fields.containsKey(name)) {
                projected.put(name, fields.get(name));
            }
        }
        return projected;
    }
}
