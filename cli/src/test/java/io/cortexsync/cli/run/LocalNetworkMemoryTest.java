package io.cortexsync.cli.run;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.Test;

import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

class LocalNetworkMemoryTest {

    private static final Configuration NOTHING_SET = new Configuration();

    @Test
    void aJobWhoseOperatorsChainIntoOneTaskGetsTheSmallPool() {
        Configuration settings = LocalNetworkMemory.forGraph(graph(env -> env.fromSequence(1, 10)
                .map(x -> x + 1).filter(x -> x > 2).sinkTo(new DiscardingSink<>())).getStreamGraph(), NOTHING_SET);

        assertThat(settings.get(TaskManagerOptions.NETWORK_MEMORY_MIN)).isEqualTo(MemorySize.ofMebiBytes(2));
        assertThat(settings.get(TaskManagerOptions.NETWORK_MEMORY_MAX)).isEqualTo(MemorySize.ofMebiBytes(2));
    }

    @Test
    void aKeyedExchangeKeepsFlinksDefault() {
        assertKeepsDefault(env -> env.fromSequence(1, 10).keyBy(x -> x % 2).map(x -> x).sinkTo(new DiscardingSink<>()));
    }

    @Test
    void aRebalanceBetweenOperatorsOfTheSameParallelismKeepsFlinksDefault() {
        assertKeepsDefault(env -> env.fromSequence(1, 10).rebalance().map(x -> x).sinkTo(new DiscardingSink<>()));
    }

    @Test
    void anOperatorAtAnotherParallelismKeepsFlinksDefault() {
        assertKeepsDefault(env -> env.fromSequence(1, 10).map(x -> x).setParallelism(1).sinkTo(new DiscardingSink<>()));
    }

    @Test
    void twoStreamsJoinedIntoOneOperatorKeepFlinksDefault() {
        // a union of a side output with its main stream, as a migration's dry run does for its dead letters
        OutputTag<Long> odd = new OutputTag<>("odd") {};
        assertKeepsDefault(env -> {
            SingleOutputStreamOperator<Long> split = env.fromSequence(1, 10).process(new ProcessFunction<Long, Long>() {
                @Override
                public void processElement(Long value, Context ctx, Collector<Long> out) {
                    if (value % 2 == 1) {
                        ctx.output(odd, value);
                    } else {
                        out.collect(value);
                    }
                }
            });
            DataStream<Long> both = split.map(x -> x).union(split.getSideOutput(odd));
            both.map(x -> x).sinkTo(new DiscardingSink<>());
        });
    }

    @Test
    void networkMemoryTheUserSetIsLeftAsItIs() {
        Configuration user = new Configuration();
        user.set(TaskManagerOptions.NETWORK_MEMORY_MAX, MemorySize.ofMebiBytes(128));

        Configuration settings = LocalNetworkMemory.forGraph(graph(env -> env.fromSequence(1, 10).sinkTo(new DiscardingSink<>()))
                .getStreamGraph(), user);

        assertThat(settings.toMap()).isEmpty();
    }

    @Test
    void settingsCompareByTheirNetworkKeysOnly() {
        Configuration small = new Configuration();
        small.set(TaskManagerOptions.NETWORK_MEMORY_MIN, MemorySize.ofMebiBytes(2));
        small.set(TaskManagerOptions.NETWORK_MEMORY_MAX, MemorySize.ofMebiBytes(2));
        Configuration smallAndMore = new Configuration(small);
        smallAndMore.set(CoreOptions.DEFAULT_PARALLELISM, 4);

        assertThat(LocalNetworkMemory.sameSettings(small, smallAndMore)).isTrue();
        assertThat(LocalNetworkMemory.sameSettings(small, NOTHING_SET)).isFalse();
        assertThat(LocalNetworkMemory.sameSettings(NOTHING_SET, new Configuration())).isTrue();
    }

    private static void assertKeepsDefault(Consumer<StreamExecutionEnvironment> job) {
        StreamExecutionEnvironment env = graph(job);
        assertThat(LocalNetworkMemory.exchangesRecords(env.getStreamGraph(false))).isTrue();
        assertThat(LocalNetworkMemory.forGraph(env.getStreamGraph(), NOTHING_SET).toMap()).isEmpty();
    }

    private static StreamExecutionEnvironment graph(Consumer<StreamExecutionEnvironment> job) {
        Configuration conf = new Configuration();
        conf.set(CoreOptions.DEFAULT_PARALLELISM, 2);
        StreamExecutionEnvironment env = new StreamExecutionEnvironment(conf);
        job.accept(env);
        return env;
    }
}
