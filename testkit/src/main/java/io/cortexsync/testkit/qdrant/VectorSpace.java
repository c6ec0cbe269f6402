package io.cortexsync.testkit.qdrant;

/** The size and metric of one vector of a collection. */
record VectorSpace(int size, Metric metric) {}
