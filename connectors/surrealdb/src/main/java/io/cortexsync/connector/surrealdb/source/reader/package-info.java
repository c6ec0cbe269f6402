/** Reading chunks with one bound range query each, and the change feed page by page. */
package io.cortexsync.connector.surrealdb.source.reader;
