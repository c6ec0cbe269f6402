/**
 * What the job jar holds: each job's main and graph ({@code migrate}), what the jobs share
 * ({@code common}: arguments, environment, counters) and the dead-letter output ({@code deadletter}).
 * The command line that runs them lives in the {@code cli} module.
 */
package io.cortexsync.jobs;
