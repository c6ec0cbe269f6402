/** The SurrealSource: a FLIP-27 source reading a parallel snapshot of SurrealDB tables, then their change feed. */
package io.cortexsync.connector.surrealdb.source;
