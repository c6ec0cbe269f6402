/** Conversion of read records into SyncEntities, with a dead-letter output for the bad ones. */
package io.cortexsync.connector.surrealdb.source.convert;
