package io.cortexsync.jobs.reconcile.element;

/** Which store an element was read from. */
public enum Side {
    /** SurrealDB: a record, converted as the sync jobs convert it. */
    SOURCE,
    /** Qdrant: a point, by its payload. */
    TARGET
}
