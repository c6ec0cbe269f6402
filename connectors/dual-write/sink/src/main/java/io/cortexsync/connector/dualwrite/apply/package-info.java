/** The Qdrant half of a commit, compensation and the final events: the sink's post-commit stage. */
package io.cortexsync.connector.dualwrite.apply;
