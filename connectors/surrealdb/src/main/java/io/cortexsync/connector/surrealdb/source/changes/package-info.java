/** The database change feed: paging, heartbeat watermarks, retention and versionstamps. */
package io.cortexsync.connector.surrealdb.source.changes;
