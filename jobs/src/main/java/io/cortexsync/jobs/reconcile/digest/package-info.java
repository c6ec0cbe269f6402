/**
 * What reconciliation compares per partition and side: element hashes summed into leaves, a
 * Merkle tree over the leaves to find the differing ones without looking at the others, and a
 * Bloom filter of the point ids that answers "definitely absent" without a lookup.
 */
package io.cortexsync.jobs.reconcile.digest;
