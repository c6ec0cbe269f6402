package io.cortexsync.schema.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads and writes one record type as JSON (UTF-8). Thread-safe and serializable, so Kafka
 * (de)serialization schemas can hold one.
 *
 * @param <T> the record type
 */
public abstract class JsonCodec<T> implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String recordName;
    private final String objectName;

    /**
     * @param recordName the record's name in error messages, e.g. {@code SyncEntity}
     * @param objectName what a message calls the object when it is not one, e.g. {@code the entity}
     */
    JsonCodec(String recordName, String objectName) {
        this.recordName = recordName;
        this.objectName = objectName;
    }

    /** The record's name in error messages, e.g. {@code SyncEntity}. */
    public String recordName() {
        return recordName;
    }

    /** The record as UTF-8 JSON. */
    public byte[] write(T value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator gen = SchemaJson.FACTORY.createGenerator(out)) {
            writeObject(gen, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The record as a JSON string. */
    public String writeString(T value) {
        return new String(write(value), StandardCharsets.UTF_8);
    }

    /**
     * Reads one record from UTF-8 JSON. Unknown fields are ignored.
     *
     * @throws SchemaJsonException if the JSON is malformed, lacks a required field or holds an
     *     invalid value; the message names the record and the field
     */
    public T read(byte[] json) {
        try (JsonParser p = SchemaJson.FACTORY.createParser(json)) {
            p.nextToken();
            T value = readObject(p);
            if (p.nextToken() != null) {
                throw new SchemaJsonException(recordName + ": unexpected content after the object");
            }
            return value;
        } catch (SchemaJsonException e) {
            throw e;
        } catch (IOException e) {
            throw new SchemaJsonException(recordName + ": malformed JSON: " + e.getMessage(), e);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new SchemaJsonException(recordName + ": " + e.getMessage(), e);
        }
    }

    /** Reads one record from a JSON string. */
    public T read(String json) {
        return read(json.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes the record as one JSON object. */
    final void writeObject(JsonGenerator gen, T value) throws IOException {
        gen.writeStartObject();
        writeFields(gen, value);
        gen.writeEndObject();
    }

    /** Writes the record's fields, in the order the golden files fix, into the open object. */
    abstract void writeFields(JsonGenerator gen, T value) throws IOException;

    /** Reads the object whose START_OBJECT is the parser's current token. */
    final T readObject(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new SchemaJsonException(
                    recordName + ": " + objectName + " must be a JSON object, got " + p.currentToken());
        }
        return readFields(p);
    }

    /**
     * Reads the fields of the object just entered, up to its end, and builds the record; see {@link
     * #nextField}.
     */
    abstract T readFields(JsonParser p) throws IOException;

    /**
     * Moves onto the value of the object's next field and returns the field's name, or null at the
     * end of the object. A reader skips the values of fields it does not know, so that JSON from a
     * newer writer stays readable.
     */
    static String nextField(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.FIELD_NAME) {
            return null;
        }
        String field = p.currentName();
        p.nextToken();
        return field;
    }

    <V> V required(V value, String field) {
        if (value == null) {
            throw new SchemaJsonException(
                    recordName + ": required field '" + field + "' is missing or null");
        }
        return value;
    }
}
