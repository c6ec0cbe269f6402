/** Events between the source's readers and its enumerator. */
package io.cortexsync.connector.surrealdb.source.event;
