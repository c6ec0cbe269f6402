package io.cortexsync.cli.cluster;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Reads the answers of {@code GET /jobs/<jid>/vertices/<vid>/subtasks/metrics}: without {@code get},
 * the ids of the metrics the vertex's subtasks report; with {@code get=...&agg=max}, their maxima.
 */
final class SubtaskMetrics {

    private SubtaskMetrics() {}

    /**
     * The ids that name the metric {@code name}: the name itself (a task's metric) or {@code
     * <operator>.<name>} (an operator's, such as a source reader's gauge).
     */
    static List<String> idsOf(JsonNode available, String name) {
        List<String> ids = new ArrayList<>();
        for (JsonNode metric : available) {
            String id = metric.path("id").asText();
            if (id.equals(name) || id.endsWith("." + name)) {
                ids.add(id);
            }
        }
        return ids;
    }

    /**
     * The largest {@code max} of an aggregated answer; empty when none is a number (a gauge whose
     * subtasks have not reported yet is left out of the answer).
     */
    static OptionalDouble max(JsonNode aggregated) {
        OptionalDouble max = OptionalDouble.empty();
        for (JsonNode metric : aggregated) {
            JsonNode value = metric.path("max");
            if (value.isNumber() && (max.isEmpty() || value.asDouble() > max.getAsDouble())) {
                max = OptionalDouble.of(value.asDouble());
            }
        }
        return max;
    }
}
