/** The sink's machinery: buffer, statements, batch writing with retries, metrics. Not public API. */
package io.cortexsync.connector.surrealdb.sink.internal;
