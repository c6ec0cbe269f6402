/**
 * Administration of a SurrealDB database by the jobs and the command line ({@link
 * io.cortexsync.connector.surrealdb.admin.SurrealAdmin}): tables, record counts, vector lengths,
 * change feeds and key ranges, so that no SurrealQL lives outside this connector.
 */
package io.cortexsync.connector.surrealdb.admin;
