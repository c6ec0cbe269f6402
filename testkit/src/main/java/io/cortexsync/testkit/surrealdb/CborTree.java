package io.cortexsync.testkit.surrealdb;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import com.fasterxml.jackson.dataformat.cbor.CBORParser;

import java.io.IOException;

/**
 * CBOR with SurrealDB's tags, for tests: {@link Tagged} writes a tag, and {@link #read} turns
 * a tagged item into {@code {"@tag": n, "value": v}} so that tests can see the tags.
 */
public final class CborTree {

    public static final String TAG_FIELD = "@tag";
    public static final String VALUE_FIELD = "value";

    private static final CBORFactory FACTORY = new CBORFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private CborTree() {}

    /** A value written under a CBOR tag (e.g. 8 for a record id {@code [table, key]}). */
    @JsonSerialize(using = TaggedSerializer.class)
    public record Tagged(int tag, Object value) {}

    /** A record id as SurrealDB's tag 8 {@code [table, key]}. */
    public static Tagged recordId(String table, Object key) {
        return new Tagged(8, new Object[] {table, key});
    }

    /** Reads one CBOR item; tagged items become {@code {"@tag": n, "value": v}}. */
    public static JsonNode read(byte[] cbor) throws IOException {
        try (CBORParser parser = FACTORY.createParser(cbor)) {
            parser.nextToken();
            JsonNode node = readValue(parser);
            if (parser.nextToken() != null) {
                throw new IOException("trailing data after the CBOR item");
            }
            return node;
        }
    }

    private static JsonNode readValue(CBORParser parser) throws IOException {
        int tag = parser.getCurrentTag();
        JsonNode value = readUntagged(parser);
        if (tag < 0) {
            return value;
        }
        ObjectNode tagged = NODES.objectNode();
        tagged.put(TAG_FIELD, tag);
        tagged.set(VALUE_FIELD, value);
        return tagged;
    }

    private static JsonNode readUntagged(CBORParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT: {
                ObjectNode object = NODES.objectNode();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    object.set(name, readValue(parser));
                }
                return object;
            }
            case START_ARRAY: {
                ArrayNode array = NODES.arrayNode();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(readValue(parser));
                }
                return array;
            }
            case VALUE_STRING:
                return NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT:
                return NODES.numberNode(parser.getBigIntegerValue());
            case VALUE_NUMBER_FLOAT:
                return NODES.numberNode(parser.getDoubleValue());
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_EMBEDDED_OBJECT:
                return NODES.binaryNode(parser.getBinaryValue());
            default:
                return NODES.nullNode();
        }
    }

    /** Writes the tag in CBOR; in JSON only the value, for want of tags. */
    static final class TaggedSerializer extends JsonSerializer<Tagged> {
        @Override
        public void serialize(Tagged tagged, JsonGenerator generator, SerializerProvider provider) throws IOException {
            if (generator instanceof CBORGenerator) {
                ((CBORGenerator) generator).writeTag(tagged.tag());
            }
            provider.defaultSerializeValue(tagged.value(), generator);
        }
    }
}
