package io.cortexsync.jobs.dualwrite;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/** The dual-write job's own keys; the sink's are {@code dual-write.*} of the connector. */
public final class DualWriteJobOptions {

    public static final ConfigOption<String> INPUT_TOPIC =
            ConfigOptions.key("dual-write.input-topic")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("Kafka topic of the EntityChange JSON records to land in both stores.");

    public static final ConfigOption<String> CONSUMER_GROUP =
            ConfigOptions.key("dual-write.consumer-group")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("Consumer group of the input (offsets are kept in checkpoints; the group only shows progress); default: cortex-sync-<sync id>.");

    private DualWriteJobOptions() {}
}
