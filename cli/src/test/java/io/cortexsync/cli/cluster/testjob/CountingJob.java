package io.cortexsync.cli.cluster.testjob;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * A job for the REST client's tests: counts {@code args[0]} numbers into the accumulator
 * {@code counted}, pausing {@code args[1]} ms per number so that a test can catch it running;
 * {@code args[2]}, when given, is the job's own savepoint directory.
 */
public final class CountingJob {

    public static final String ACCUMULATOR = "counted";

    private CountingJob() {}

    public static void main(String[] args) throws Exception {
        long count = Long.parseLong(args[0]);
        long pauseMillis = args.length > 1 ? Long.parseLong(args[1]) : 0;
        Configuration conf = new Configuration();
        if (args.length > 2) {
            conf.set(CheckpointingOptions.SAVEPOINT_DIRECTORY, args[2]);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.fromSequence(1, count)
                .map(new Count(pauseMillis))
                .sinkTo(new DiscardingSink<>());
        env.execute("counting " + count);
    }

    private static final class Count extends RichMapFunction<Long, Long> {
        private static final long serialVersionUID = 1L;
        private final long pauseMillis;
        private transient LongCounter counted;

        Count(long pauseMillis) {
            this.pauseMillis = pauseMillis;
        }

        @Override
        public void open(OpenContext openContext) {
            counted = new LongCounter();
            getRuntimeContext().addAccumulator(ACCUMULATOR, counted);
        }

        @Override
        public Long map(Long value) throws Exception {
            if (pauseMillis > 0) {
                Thread.sleep(pauseMillis);
            }
            counted.add(1);
            return value;
        }
    }
}
