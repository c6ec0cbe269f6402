/** The dual-write sink's writer: buffers changes and hands them to the checkpoint. */
package io.cortexsync.connector.dualwrite.writer;
