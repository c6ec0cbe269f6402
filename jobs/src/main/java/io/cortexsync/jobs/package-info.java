/** The cortex-sync jobs: short mains that assemble the connectors, and the command line that runs them. */
package io.cortexsync.jobs;
