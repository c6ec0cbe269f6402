package io.cortexsync.testkit.qdrant;

import io.qdrant.client.grpc.Common.Condition;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Common.HasIdCondition;
import io.qdrant.client.grpc.Common.NestedCondition;
import io.qdrant.client.grpc.Common.PointId;
import io.qdrant.client.grpc.JsonWithInt.Value;

import java.util.List;
import java.util.Map;

/**
 * Decides whether a point passes a Qdrant filter: all of {@code must}, none of {@code must_not},
 * any of {@code should} (when it has conditions) and at least {@code min_should.min_count} of its
 * conditions. Conditions with nothing set are ignored, as Qdrant ignores them.
 */
final class FilterMatcher {

    private FilterMatcher() {}

    static boolean matches(Filter filter, StoredPoint point) {
        return matches(filter, point.payload(), point);
    }

    /** {@code point} is null inside nested objects, where id and vector conditions never match. */
    private static boolean matches(Filter filter, Map<String, Value> payload, StoredPoint point) {
        List<Condition> should = present(filter.getShouldList());
        if (!should.isEmpty() && should.stream().noneMatch(c -> check(c, payload, point))) {
            return false;
        }
        if (filter.hasMinShould()) {
            long needed = filter.getMinShould().getMinCount();
            long passed =
                    present(filter.getMinShould().getConditionsList()).stream()
                            .filter(c -> check(c, payload, point))
                            .count();
            if (passed < needed) {
                return false;
            }
        }
        for (Condition condition : present(filter.getMustList())) {
            if (!check(condition, payload, point)) {
                return false;
            }
        }
        for (Condition condition : present(filter.getMustNotList())) {
            if (check(condition, payload, point)) {
                return false;
            }
        }
        return true;
    }

    private static List<Condition> present(List<Condition> conditions) {
        return conditions.stream()
                .filter(c -> c.getConditionOneOfCase() != Condition.ConditionOneOfCase.CONDITIONONEOF_NOT_SET)
                .toList();
    }

    private static boolean check(Condition condition, Map<String, Value> payload, StoredPoint point) {
        switch (condition.getConditionOneOfCase()) {
            case FIELD:
                return FieldConditionMatcher.matches(condition.getField(), payload);
            case IS_EMPTY:
                return FieldConditionMatcher.isEmpty(
                        PayloadPath.parse(condition.getIsEmpty().getKey()).values(payload));
            case IS_NULL:
                return PayloadPath.parse(condition.getIsNull().getKey()).values(payload).stream()
                        .anyMatch(FieldConditionMatcher::isNull);
            case HAS_ID:
                return point != null && hasId(condition.getHasId(), point.id());
            case HAS_VECTOR:
                return point != null && point.vectors().containsKey(condition.getHasVector().getHasVector());
            case FILTER:
                return matches(condition.getFilter(), payload, point);
            case NESTED:
                return nested(condition.getNested(), payload);
            default:
                return true;
        }
    }

    private static boolean hasId(HasIdCondition condition, PointKey id) {
        for (PointId candidate : condition.getHasIdList()) {
            if (PointKey.from(candidate).equals(id)) {
                return true;
            }
        }
        return false;
    }

    /** Every element of the array at the key is checked as a payload of its own. */
    private static boolean nested(NestedCondition nested, Map<String, Value> payload) {
        return PayloadPath.parse(nested.getKey() + "[]").values(payload).stream()
                .filter(Value::hasStructValue)
                .anyMatch(v -> matches(nested.getFilter(), v.getStructValue().getFieldsMap(), null));
    }
}
