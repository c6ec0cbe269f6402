package io.cortexsync.testkit.qdrant;

import io.grpc.Status;
import com.google.protobuf.Timestamp;
import io.qdrant.client.grpc.Common.DatetimeRange;
import io.qdrant.client.grpc.Common.FieldCondition;
import io.qdrant.client.grpc.Common.Match;
import io.qdrant.client.grpc.Common.Range;
import io.qdrant.client.grpc.JsonWithInt.Value;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Qdrant's field conditions on payload values: match, range, datetime range, values count, is_empty
 * and is_null.
 * An array value matches when any element does.
 */
final class FieldConditionMatcher {

    private FieldConditionMatcher() {}

    static boolean matches(FieldCondition condition, Map<String, Value> payload) {
        rejectUnsupported(condition);
        List<Value> values = PayloadPath.parse(condition.getKey()).values(payload);
        if (values.isEmpty()) {
            // A missing key is empty and not null.
            if (condition.hasIsEmpty()) {
                return condition.getIsEmpty();
            }
            return condition.hasIsNull() && !condition.getIsNull();
        }
        return values.stream().anyMatch(v -> check(condition, v));
    }

    private static boolean check(FieldCondition condition, Value value) {
        if (condition.hasValuesCount()) {
            long count = value.hasListValue() ? value.getListValue().getValuesCount() : 1;
            var bounds = condition.getValuesCount();
            return (!bounds.hasLt() || count < bounds.getLt())
                    && (!bounds.hasGt() || count > bounds.getGt())
                    && (!bounds.hasLte() || count <= bounds.getLte())
                    && (!bounds.hasGte() || count >= bounds.getGte());
        }
        if (condition.hasIsEmpty()) {
            boolean empty = isNull(value) || (value.hasListValue() && value.getListValue().getValuesCount() == 0);
            return empty == condition.getIsEmpty();
        }
        if (condition.hasIsNull()) {
            boolean isNull =
                    isNull(value)
                            || (value.hasListValue()
                                    && value.getListValue().getValuesList().stream()
                                            .anyMatch(FieldConditionMatcher::isNull));
            return isNull == condition.getIsNull();
        }
        if (value.hasListValue()) {
            return value.getListValue().getValuesList().stream().anyMatch(e -> checkOne(condition, e));
        }
        return checkOne(condition, value);
    }

    private static boolean checkOne(FieldCondition condition, Value value) {
        return (condition.hasMatch() && ValueMatch.matches(condition.getMatch(), value))
                || (condition.hasRange() && inRange(condition.getRange(), value))
                || (condition.hasDatetimeRange() && inRange(condition.getDatetimeRange(), value));
    }

    private static boolean inRange(DatetimeRange range, Value value) {
        if (value.getKindCase() != Value.KindCase.STRING_VALUE) {
            return false;
        }
        return PayloadDatetime.parse(value.getStringValue())
                .map(at -> (!range.hasLt() || at.isBefore(instant(range.getLt())))
                        && (!range.hasGt() || at.isAfter(instant(range.getGt())))
                        && (!range.hasLte() || !at.isAfter(instant(range.getLte())))
                        && (!range.hasGte() || !at.isBefore(instant(range.getGte()))))
                .orElse(false);
    }

    private static Instant instant(Timestamp t) {
        return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
    }

    private static boolean inRange(Range range, Value value) {
        double number;
        if (value.getKindCase() == Value.KindCase.INTEGER_VALUE) {
            number = value.getIntegerValue();
        } else if (value.getKindCase() == Value.KindCase.DOUBLE_VALUE) {
            number = value.getDoubleValue();
        } else {
            return false;
        }
        return (!range.hasLt() || number < range.getLt())
                && (!range.hasGt() || number > range.getGt())
                && (!range.hasLte() || number <= range.getLte())
                && (!range.hasGte() || number >= range.getGte());
    }

    /** Qdrant's is_empty condition over all values a key reaches. */
    static boolean isEmpty(List<Value> values) {
        return values.stream()
                .allMatch(v -> isNull(v) || (v.hasListValue() && v.getListValue().getValuesCount() == 0));
    }

    static boolean isNull(Value value) {
        return value.getKindCase() == Value.KindCase.NULL_VALUE
                || value.getKindCase() == Value.KindCase.KIND_NOT_SET;
    }

    private static void rejectUnsupported(FieldCondition condition) {
        if (condition.hasGeoBoundingBox()
                || condition.hasGeoRadius()
                || condition.hasGeoPolygon()) {
            throw Status.UNIMPLEMENTED
                    .withDescription("The Qdrant test server does not support geo conditions")
                    .asRuntimeException();
        }
    }

    /** Keeps {@link Match} handling apart from the structural checks above. */
    private static final class ValueMatch {

        static boolean matches(Match match, Value value) {
            switch (match.getMatchValueCase()) {
                case KEYWORD:
                    return isString(value) && value.getStringValue().equals(match.getKeyword());
                case INTEGER:
                    return isInteger(value) && value.getIntegerValue() == match.getInteger();
                case BOOLEAN:
                    return value.getKindCase() == Value.KindCase.BOOL_VALUE
                            && value.getBoolValue() == match.getBoolean();
                case TEXT:
                    return isString(value) && value.getStringValue().contains(match.getText());
                case PHRASE:
                    return isString(value) && value.getStringValue().contains(match.getPhrase());
                case TEXT_ANY:
                    return isString(value)
                            && java.util.Arrays.stream(match.getTextAny().trim().split("\\s+"))
                                    .anyMatch(t -> !t.isEmpty() && value.getStringValue().contains(t));
                case KEYWORDS:
                    return isString(value)
                            && match.getKeywords().getStringsList().contains(value.getStringValue());
                case INTEGERS:
                    return isInteger(value)
                            && match.getIntegers().getIntegersList().contains(value.getIntegerValue());
                case EXCEPT_KEYWORDS:
                    return !isNull(value)
                            && !(isString(value)
                                    && match.getExceptKeywords()
                                            .getStringsList()
                                            .contains(value.getStringValue()));
                case EXCEPT_INTEGERS:
                    return !isNull(value)
                            && !(isInteger(value)
                                    && match.getExceptIntegers()
                                            .getIntegersList()
                                            .contains(value.getIntegerValue()));
                default:
                    return false;
            }
        }

        private static boolean isString(Value value) {
            return value.getKindCase() == Value.KindCase.STRING_VALUE;
        }

        /** Qdrant matches integers only against values stored as integers, never 5.0. */
        private static boolean isInteger(Value value) {
            return value.getKindCase() == Value.KindCase.INTEGER_VALUE;
        }
    }
}
