/** The records the source emits by default, with their Flink serializer. */
package io.cortexsync.connector.surrealdb.source.record;
