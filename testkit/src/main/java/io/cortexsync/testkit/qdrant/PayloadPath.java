package io.cortexsync.testkit.qdrant;

import io.qdrant.client.grpc.JsonWithInt.Value;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A payload key such as {@code country.cities[].name} or {@code tags[0]}, read the way Qdrant
 * reads it: keys step into objects only, {@code []} steps into every array element, {@code [n]}
 * into one.
 */
final class PayloadPath {

    private static final int EVERY_ELEMENT = -1;

    /** A key, optionally followed by array steps. */
    private record Step(String key, List<Integer> indexes) {}

    private final List<Step> steps;

    private PayloadPath(List<Step> steps) {
        this.steps = steps;
    }

    static PayloadPath parse(String text) {
        List<Step> steps = new ArrayList<>();
        int i = 0;
        while (i <= text.length()) {
            StringBuilder key = new StringBuilder();
            if (i < text.length() && text.charAt(i) == '"') {
                int close = text.indexOf('"', i + 1);
                if (close < 0) {
                    throw invalid(text);
                }
                key.append(text, i + 1, close);
                i = close + 1;
            } else {
                while (i < text.length() && text.charAt(i) != '.' && text.charAt(i) != '[') {
                    key.append(text.charAt(i++));
                }
            }
            if (key.length() == 0) {
                throw invalid(text);
            }
            List<Integer> indexes = new ArrayList<>();
            while (i < text.length() && text.charAt(i) == '[') {
                int close = text.indexOf(']', i);
                if (close < 0) {
                    throw invalid(text);
                }
                String inside = text.substring(i + 1, close);
                indexes.add(inside.isEmpty() ? EVERY_ELEMENT : parseIndex(inside, text));
                i = close + 1;
            }
            steps.add(new Step(key.toString(), indexes));
            if (i == text.length()) {
                break;
            }
            if (text.charAt(i) != '.') {
                throw invalid(text);
            }
            i++;
        }
        return new PayloadPath(steps);
    }

    /** The top-level payload key this path starts with. */
    String firstKey() {
        return steps.get(0).key();
    }

    /** Every value the path reaches; empty when it reaches none. */
    List<Value> values(Map<String, Value> payload) {
        List<Value> current = new ArrayList<>();
        Value first = payload.get(steps.get(0).key());
        if (first == null) {
            return current;
        }
        current.add(first);
        current = applyIndexes(current, steps.get(0).indexes());
        for (Step step : steps.subList(1, steps.size())) {
            List<Value> next = new ArrayList<>();
            for (Value value : current) {
                if (value.hasStructValue()) {
                    Value child = value.getStructValue().getFieldsMap().get(step.key());
                    if (child != null) {
                        next.add(child);
                    }
                }
            }
            current = applyIndexes(next, step.indexes());
        }
        return current;
    }

    private static List<Value> applyIndexes(List<Value> values, List<Integer> indexes) {
        List<Value> current = values;
        for (int index : indexes) {
            List<Value> next = new ArrayList<>();
            for (Value value : current) {
                if (!value.hasListValue()) {
                    continue;
                }
                List<Value> elements = value.getListValue().getValuesList();
                if (index == EVERY_ELEMENT) {
                    next.addAll(elements);
                } else if (index < elements.size()) {
                    next.add(elements.get(index));
                }
            }
            current = next;
        }
        return current;
    }

    private static int parseIndex(String inside, String text) {
        try {
            return Integer.parseInt(inside);
        } catch (NumberFormatException e) {
            throw invalid(text);
        }
    }

    private static RuntimeException invalid(String text) {
        return QdrantErrors.invalidArgument("Invalid json path: '" + text + "'");
    }
}
