package io.cortexsync.schema.json;

/** JSON that is not a valid record: malformed, a required field missing, or a value invalid. */
public class SchemaJsonException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public SchemaJsonException(String message) {
        super(message);
    }

    public SchemaJsonException(String message, Throwable cause) {
        super(message, cause);
    }
}
