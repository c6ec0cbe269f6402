package io.cortexsync.cli.progress;

/** Where a client reads a running migration's progress: a local job client or a cluster's REST API. */
@FunctionalInterface
public interface ProgressSource {

    /** The progress now; throws when it cannot be read (the printer skips that tick). */
    Progress current() throws Exception;
}
