package io.cortexsync.schema.model;

import java.util.Set;

/**
 * The sync fields every Qdrant point written by cortex-sync carries in its payload beside the
 * record's metadata (SCHEMA.md, "Payload fields"). All start with {@code _}, which is why the
 * content hash leaves top-level {@code _} keys out of the metadata.
 */
public final class PayloadFields {

    /** The canonical record id ({@code table:key}) the point was written from. */
    public static final String SURREAL_ID = "_surreal_id";

    /** The record's table; keyword-indexed, so jobs can filter a collection by table. */
    public static final String TABLE = "_table";

    /** The record's content hash, 32 lower-case hex characters. */
    public static final String CONTENT_HASH = "_content_hash";

    /** The record's version at its source, only when it has one. */
    public static final String VERSION = "_version";

    /** When the point was written, an ISO-8601 UTC instant. */
    public static final String SYNCED_AT = "_synced_at";

    /** Every sync field. */
    public static final Set<String> ALL = Set.of(SURREAL_ID, TABLE, CONTENT_HASH, VERSION, SYNCED_AT);

    private PayloadFields() {}
}
