package io.cortexsync.testkit.qdrant;

import io.qdrant.client.grpc.Collections.PayloadIndexParams;
import io.qdrant.client.grpc.Collections.PayloadSchemaInfo;
import io.qdrant.client.grpc.Collections.PayloadSchemaType;
import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points.CreateFieldIndexCollection;
import io.qdrant.client.grpc.Points.FieldType;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Payload indexes only as Qdrant reports them (the {@code payload_schema} of a collection's info);
 * every filter here is a full scan, so they change no result.
 */
final class PayloadIndexes {

    private PayloadIndexes() {}

    static void create(StoredCollection collection, CreateFieldIndexCollection request) {
        String field = request.getFieldName();
        PayloadSchemaType type = request.hasFieldType()
                ? typeOf(request.getFieldType())
                : request.hasFieldIndexParams() ? typeOf(request.getFieldIndexParams()) : inferType(collection, field);
        PayloadSchemaInfo.Builder info = PayloadSchemaInfo.newBuilder().setDataType(type);
        if (request.hasFieldIndexParams()) {
            info.setParams(request.getFieldIndexParams());
        }
        collection.putPayloadIndex(field, info.build());
    }

    /** The indexes with the number of points that have a value for each field. */
    static Map<String, PayloadSchemaInfo> describe(StoredCollection collection) {
        Map<String, PayloadSchemaInfo> described = new TreeMap<>();
        collection.payloadIndexes().forEach((field, info) -> {
            PayloadPath path = PayloadPath.parse(field);
            long points = collection.read(all -> all.values().stream()
                    .filter(p -> !path.values(p.payload()).isEmpty())
                    .count());
            described.put(field, info.toBuilder().setPoints(points).build());
        });
        return described;
    }

    private static PayloadSchemaType typeOf(FieldType fieldType) {
        return switch (fieldType) {
            case FieldTypeKeyword -> PayloadSchemaType.Keyword;
            case FieldTypeInteger -> PayloadSchemaType.Integer;
            case FieldTypeFloat -> PayloadSchemaType.Float;
            case FieldTypeGeo -> PayloadSchemaType.Geo;
            case FieldTypeText -> PayloadSchemaType.Text;
            case FieldTypeBool -> PayloadSchemaType.Bool;
            case FieldTypeDatetime -> PayloadSchemaType.Datetime;
            case FieldTypeUuid -> PayloadSchemaType.Uuid;
            default -> throw QdrantErrors.invalidArgument("Unknown field type: " + fieldType);
        };
    }

    private static PayloadSchemaType typeOf(PayloadIndexParams params) {
        return switch (params.getIndexParamsCase()) {
            case KEYWORD_INDEX_PARAMS -> PayloadSchemaType.Keyword;
            case INTEGER_INDEX_PARAMS -> PayloadSchemaType.Integer;
            case FLOAT_INDEX_PARAMS -> PayloadSchemaType.Float;
            case GEO_INDEX_PARAMS -> PayloadSchemaType.Geo;
            case TEXT_INDEX_PARAMS -> PayloadSchemaType.Text;
            case BOOL_INDEX_PARAMS -> PayloadSchemaType.Bool;
            case DATETIME_INDEX_PARAMS -> PayloadSchemaType.Datetime;
            case UUID_INDEX_PARAMS -> PayloadSchemaType.Uuid;
            default -> throw QdrantErrors.invalidArgument("Unknown index params");
        };
    }

    /** Qdrant infers the type from stored values when the request names none. */
    private static PayloadSchemaType inferType(StoredCollection collection, String field) {
        PayloadPath path = PayloadPath.parse(field);
        List<Value> sample = collection.read(all -> all.values().stream()
                .flatMap(p -> path.values(p.payload()).stream())
                .flatMap(v -> v.hasListValue() ? v.getListValue().getValuesList().stream() : Stream.of(v))
                .limit(1)
                .toList());
        if (!sample.isEmpty()) {
            switch (sample.get(0).getKindCase()) {
                case STRING_VALUE:
                    return PayloadSchemaType.Keyword;
                case INTEGER_VALUE:
                    return PayloadSchemaType.Integer;
                case DOUBLE_VALUE:
                    return PayloadSchemaType.Float;
                case BOOL_VALUE:
                    return PayloadSchemaType.Bool;
                default:
                    break;
            }
        }
        throw QdrantErrors.badInput(
                "Unable to infer type for the field '" + field + "'. Please specify `field_type`");
    }
}
