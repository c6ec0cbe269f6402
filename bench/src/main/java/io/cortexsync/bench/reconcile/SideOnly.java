package io.cortexsync.bench.reconcile;

import io.cortexsync.bench.Rate;
import io.cortexsync.jobs.common.SyncJob;
import io.cortexsync.jobs.reconcile.ReconcileJob;
import io.cortexsync.jobs.reconcile.ReconcilePipeline;
import io.cortexsync.jobs.reconcile.ReconcileSettings;
import io.cortexsync.jobs.reconcile.element.SideElement;

import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

import java.util.concurrent.atomic.LongAdder;

/**
 * One side of the reconciliation alone, with the job's configuration (RocksDB, checkpoints): the
 * job's own {@link ReconcilePipeline#sourceElements} (SurrealDB read and converted) or {@link
 * ReconcilePipeline#targetElements} (Qdrant scrolled, payload ids and hashes), into a discarding sink.
 */
final class SideOnly {

    /** Shared with the tasks: the MiniCluster runs in this JVM. */
    private static final LongAdder ELEMENTS = new LongAdder();

    private SideOnly() {}

    static Rate source(Configuration config) throws Exception {
        return measure(config, true);
    }

    static Rate target(Configuration config) throws Exception {
        return measure(config, false);
    }

    private static Rate measure(Configuration config, boolean source) throws Exception {
        ELEMENTS.reset();
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.createLocalEnvironment(SyncJob.flinkConfiguration(new ReconcileJob(), config));
        ReconcileSettings settings = ReconcileSettings.from(config);
        DataStream<SideElement> side = source
                ? ReconcilePipeline.sourceElements(env, settings)
                : ReconcilePipeline.targetElements(env, settings);
        side.map(new Counting()).returns(TypeInformation.of(SideElement.class)).uid("count")
                .sinkTo(new DiscardingSink<>()).uid("discard");
        long start = System.nanoTime();
        env.execute("bench: reconcile " + (source ? "SurrealDB side" : "Qdrant side") + " only");
        return Rate.between(ELEMENTS.sum(), start, System.nanoTime());
    }

    private static final class Counting implements MapFunction<SideElement, SideElement> {
        @Override
        public SideElement map(SideElement element) {
            ELEMENTS.increment();
            return element;
        }
    }
}
