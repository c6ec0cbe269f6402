package io.cortexsync.bench.qdrant;

import io.cortexsync.bench.BenchReport;
import io.cortexsync.bench.Rate;
import io.cortexsync.connector.qdrant.client.QdrantConnection;
import io.cortexsync.connector.qdrant.client.QdrantConnectionConfig;
import io.cortexsync.connector.qdrant.convert.SyncEntityPointConverter;
import io.cortexsync.connector.qdrant.sink.QdrantSink;
import io.cortexsync.schema.model.SyncEntity;
import io.cortexsync.schema.serialization.SchemaTypes;
import io.cortexsync.testkit.qdrant.QdrantTestServer;

import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.VectorParams;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code bench.sh qdrant-sink}: the QdrantSink's write rate from an in-memory source of generated
 * entities into the testkit's Qdrant server in the same JVM (Cosine collection, so the server
 * normalizes every vector as Qdrant does). The source alone into a discarding sink is measured
 * first, so that the sink's rate can be read against what the source can deliver. The {@code
 * _points_per_s} rates run from the first generated entity to the job's end (every point confirmed);
 * the {@code _job_} rates include Flink's start-up.
 */
@Command(name = "qdrant-sink", mixinStandardHelpOptions = true,
        description = "QdrantSink write rate (points/s) from an in-memory source into the Qdrant test server.")
public final class QdrantSinkBench implements Callable<Integer> {

    private static final String COLLECTION = "bench_entity";

    @Option(names = "--points", defaultValue = "100000", description = "Points written (default: ${DEFAULT-VALUE}).")
    long points;

    @Option(names = "--dim", defaultValue = "768", description = "Vector dimension (default: ${DEFAULT-VALUE}).")
    int dim;

    @Option(names = "--parallelism", defaultValue = "2", description = "Source and sink parallelism (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--batch-size", defaultValue = "256", description = "Initial batch size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--in-flight", defaultValue = "4", description = "Batches in flight per writer (default: ${DEFAULT-VALUE}).")
    int inFlight;

    @Override
    public Integer call() throws Exception {
        BenchReport report = new BenchReport(System.out);
        report.value("points", points);
        report.value("dim", dim);
        report.value("parallelism", parallelism);
        report.value("batch_size", batchSize);
        report.value("in_flight_batches", inFlight);

        Rates source = runJob(null);
        report.value("generator_job_points_per_s", source.job().perSecond());
        report.value("generator_points_per_s", source.writing().perSecond());

        try (QdrantTestServer qdrant = QdrantTestServer.builder().port(0).build().start()) {
            QdrantConnectionConfig connection =
                    QdrantConnectionConfig.builder().host(qdrant.host()).port(qdrant.port()).build();
            long stored;
            Rates sink;
            try (QdrantConnection admin = QdrantConnection.open(connection)) {
                admin.client().createCollectionAsync(COLLECTION,
                        VectorParams.newBuilder().setSize(dim).setDistance(Distance.Cosine).build())
                        .get(30, TimeUnit.SECONDS);
                sink = runJob(connection);
                stored = admin.client().countAsync(COLLECTION).get(60, TimeUnit.SECONDS);
            }
            if (stored != points) {
                throw new IllegalStateException("the collection holds " + stored + " points, expected " + points);
            }
            report.value("qdrant_upsert_calls", qdrant.callCount("Upsert"));
            report.value("qdrant_sink_job_seconds", sink.job().elapsed().toMillis() / 1e3);
            report.value("qdrant_sink_job_points_per_s", sink.job().perSecond());
            report.value("qdrant_sink_vs_generator", sink.writing().perSecond() / source.writing().perSecond());
            report.value("qdrant_sink_points_per_s", sink.writing().perSecond());
        }
        return 0;
    }

    /** A whole job's rate, and its rate from the first generated entity to the job's end. */
    private record Rates(Rate job, Rate writing) {}

    /** Generated entities into the Qdrant sink, or into a discarding sink when {@code connection} is null. */
    private Rates runJob(QdrantConnectionConfig connection) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(parallelism);
        DataStream<SyncEntity> entities = env.fromSequence(0, points - 1)
                .uid("sequence")
                .map(new GeneratedEntities(dim))
                .returns(SchemaTypes.SYNC_ENTITY)
                .uid("entities");
        if (connection == null) {
            entities.sinkTo(new DiscardingSink<>()).uid("discard");
        } else {
            entities.sinkTo(QdrantSink.<SyncEntity>builder()
                            .setConnectionConfig(connection)
                            .setCollectionName(COLLECTION)
                            .setPointConverter(new SyncEntityPointConverter())
                            .setBatchSize(batchSize)
                            .setMaxInFlightBatches(inFlight)
                            .build())
                    .uid("qdrant-sink");
        }
        GeneratedEntities.FIRST_NANOS.set(0);
        long start = System.nanoTime();
        env.execute(connection == null ? "bench: generator" : "bench: qdrant-sink");
        long end = System.nanoTime();
        return new Rates(Rate.between(points, start, end), Rate.between(points, GeneratedEntities.FIRST_NANOS.get(), end));
    }
}
