package io.cortexsync.connector.surrealdb.client.cbor;

import org.apache.flink.annotation.Internal;

/** The CBOR tags SurrealDB gives its own value types. */
@Internal
public final class SurrealTags {

    /** RFC 3339 text datetime (standard tag 0), accepted as input. */
    public static final int DATETIME_TEXT = 0;
    /** Epoch seconds datetime (standard tag 1), read for completeness. */
    public static final int DATETIME_EPOCH = 1;
    public static final int BIGNUM_POSITIVE = 2;
    public static final int BIGNUM_NEGATIVE = 3;
    public static final int NONE = 6;
    public static final int TABLE = 7;
    public static final int RECORD_ID = 8;
    public static final int UUID_TEXT = 9;
    public static final int DECIMAL_TEXT = 10;
    public static final int DATETIME = 12;
    public static final int DURATION_TEXT = 13;
    public static final int DURATION = 14;
    public static final int UUID = 37;
    public static final int RANGE = 49;
    public static final int BOUND_INCLUDED = 50;
    public static final int BOUND_EXCLUDED = 51;
    public static final int SET = 56;

    private SurrealTags() {}
}
