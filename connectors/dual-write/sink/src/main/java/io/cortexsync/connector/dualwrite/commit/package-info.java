/** The SurrealDB half of a commit: committables, their serializer, conflict decisions, commit markers, the committer. */
package io.cortexsync.connector.dualwrite.commit;
