package io.cortexsync.connector.dualwrite;

import io.cortexsync.schema.model.SyncEvent;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.streaming.api.datastream.DataStream;

import java.io.Serializable;

/**
 * What follows the sink's final events: counting, a Kafka sink, anything a job adds. Called once,
 * while the job graph is built; the stream runs at the committer's parallelism. The operators it
 * adds take their uids from {@code uidPrefix}, so that a savepoint restores into them.
 */
@PublicEvolving
@FunctionalInterface
public interface DualWriteEventTopology extends Serializable {

    void addTo(DataStream<SyncEvent> events, String uidPrefix);
}
