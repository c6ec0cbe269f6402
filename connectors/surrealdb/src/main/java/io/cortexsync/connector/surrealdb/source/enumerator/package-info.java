/** Cutting tables into chunks, handing out splits, and the handover from the snapshot to the change stream. */
package io.cortexsync.connector.surrealdb.source.enumerator;
