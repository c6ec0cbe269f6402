package io.cortexsync.cli.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a Grafana dashboard's JSON: its panels' PromQL queries and the metric names they use. */
final class GrafanaDashboard {

    /** A Flink metric name in a query (the reporter's names all start with {@code flink_}). */
    private static final Pattern METRIC = Pattern.compile("\\bflink_[A-Za-z0-9_:]+");

    private GrafanaDashboard() {}

    /** Every {@code expr} of every panel's targets, rows' panels included. */
    static List<String> queries(Path dashboard) throws IOException {
        List<String> queries = new ArrayList<>();
        collect(new ObjectMapper().readTree(dashboard.toFile()), queries);
        return queries;
    }

    static Set<String> metricNames(Path dashboard) throws IOException {
        Set<String> names = new TreeSet<>();
        for (String query : queries(dashboard)) {
            Matcher matcher = METRIC.matcher(query);
            while (matcher.find()) {
                names.add(matcher.group());
            }
        }
        return names;
    }

    private static void collect(JsonNode node, List<String> queries) {
        if (node.isObject()) {
            if (node.has("expr") && node.get("expr").isTextual()) {
                queries.add(node.get("expr").asText());
            }
            node.forEach(child -> collect(child, queries));
        } else if (node.isArray()) {
            node.forEach(child -> collect(child, queries));
        }
    }
}
