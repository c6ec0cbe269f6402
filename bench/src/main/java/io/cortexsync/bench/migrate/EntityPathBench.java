package io.cortexsync.bench.migrate;

import io.cortexsync.bench.BenchReport;
import io.cortexsync.cli.demo.DemoDataset;
import io.cortexsync.connector.qdrant.convert.QdrantWrite;
import io.cortexsync.connector.qdrant.convert.SyncEntityPointConverter;
import io.cortexsync.connector.surrealdb.client.SurrealRecordId;
import io.cortexsync.connector.surrealdb.client.cbor.CborReader;
import io.cortexsync.connector.surrealdb.client.cbor.CborWriter;
import io.cortexsync.connector.surrealdb.source.convert.SyncEntityMapping;
import io.cortexsync.connector.surrealdb.source.record.SurrealChange;
import io.cortexsync.jobs.migrate.MigrationMapping;
import io.cortexsync.schema.model.SyncEntity;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code bench.sh entity-path}: the CPU and memory one record costs on its way through a
 * migration, on one thread, without I/O or Flink: CBOR decode of a page as the engine sends it,
 * the record's conversion into a {@code SyncEntity}, and its point (content hash and wire
 * encoding). The figures are per entity and per stage, so a change to one stage shows on its own
 * line, free of the stores' and the scheduler's noise that an end-to-end run carries.
 */
@Command(name = "entity-path", mixinStandardHelpOptions = true,
        description = "CPU and allocation per record of decode, convert and point encoding, one thread, no I/O.")
public final class EntityPathBench implements Callable<Integer> {

    private static final String VECTOR_FIELD = "vector";

    @Option(names = "--records", defaultValue = "1000", description = "Records per page (default: ${DEFAULT-VALUE}).")
    int records;

    @Option(names = "--dim", defaultValue = "768", description = "Vector dimension (default: ${DEFAULT-VALUE}).")
    int dim;

    @Option(names = "--pages", defaultValue = "300", description = "Pages in the measured run (default: ${DEFAULT-VALUE}).")
    int pages;

    @Option(names = "--warmup-pages", defaultValue = "300", description = "Pages run first, unmeasured, for the JIT (default: ${DEFAULT-VALUE}).")
    int warmupPages;

    /** CPU nanoseconds and allocated bytes of one stage, summed over the measured pages. */
    private static final class Stage {
        final String name;
        long cpuNanos;
        long bytes;

        Stage(String name) {
            this.name = name;
        }
    }

    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Override
    public Integer call() {
        byte[] page = CborWriter.encode(page(records, dim));
        SyncEntityMapping mapping = MigrationMapping.of(VECTOR_FIELD, dim);
        SyncEntityPointConverter points = new SyncEntityPointConverter();
        Stage decode = new Stage("decode");
        Stage convert = new Stage("convert");
        Stage point = new Stage("point");
        for (int i = 0; i < warmupPages; i++) {
            run(page, mapping, points, new Stage("-"), new Stage("-"), new Stage("-"));
        }
        for (int i = 0; i < pages; i++) {
            run(page, mapping, points, decode, convert, point);
        }
        BenchReport report = new BenchReport(System.out);
        report.value("records_per_page", records);
        report.value("dim", dim);
        report.value("cbor_bytes_per_entity", page.length / records);
        long entities = (long) pages * records;
        long cpu = 0;
        long bytes = 0;
        for (Stage stage : List.of(decode, convert, point)) {
            report.value("entity_path_" + stage.name + "_cpu_us_per_entity", stage.cpuNanos / 1e3 / entities);
            report.value("entity_path_" + stage.name + "_bytes_per_entity", stage.bytes / entities);
            cpu += stage.cpuNanos;
            bytes += stage.bytes;
        }
        report.value("entity_path_cpu_us_per_entity", cpu / 1e3 / entities);
        report.value("entity_path_bytes_per_entity", bytes / entities);
        return 0;
    }

    private void run(byte[] page, SyncEntityMapping mapping, SyncEntityPointConverter points,
            Stage decode, Stage convert, Stage point) {
        long cpu = threads.getCurrentThreadCpuTime();
        long allocated = threads.getCurrentThreadAllocatedBytes();
        List<?> rows = (List<?>) CborReader.decode(page, Set.of(VECTOR_FIELD));
        cpu = charge(decode, cpu, allocated);
        allocated = threads.getCurrentThreadAllocatedBytes();

        Instant now = Instant.now();
        List<SyncEntity> entities = new ArrayList<>(rows.size());
        for (Object row : rows) {
            @SuppressWarnings("unchecked")
            Map<String, Object> fields = (Map<String, Object>) row;
            // as the snapshot reads a row (ChunkReader): the change keeps the decoded map
            SyncEntityMapping.Result result = mapping.convert(
                    SurrealChange.readDecoded((SurrealRecordId) fields.get("id"), fields, 0L), now);
            if (!result.ok()) {
                throw new IllegalStateException("a bench record did not convert: " + result.problem());
            }
            entities.add(result.entity());
        }
        cpu = charge(convert, cpu, allocated);
        allocated = threads.getCurrentThreadAllocatedBytes();

        long pointBytes = 0;
        for (SyncEntity entity : entities) {
            QdrantWrite write = points.convert(entity);
            pointBytes += write.pointSize();
        }
        charge(point, cpu, allocated);
        if (pointBytes < (long) entities.size() * 4 * dim) {
            throw new IllegalStateException("points are smaller than their vectors: " + pointBytes + " bytes");
        }
    }

    /** Adds what ran since {@code cpu} and {@code allocated} to the stage; returns the CPU time now. */
    private long charge(Stage stage, long cpu, long allocated) {
        long now = threads.getCurrentThreadCpuTime();
        stage.cpuNanos += now - cpu;
        stage.bytes += threads.getCurrentThreadAllocatedBytes() - allocated;
        return now;
    }

    /** A page of the demo's records as the engine sends it: the id first, then the fields. */
    private static List<Object> page(int records, int dim) {
        DemoDataset demo = new DemoDataset(dim, 42);
        List<Object> page = new ArrayList<>(records);
        for (int i = 0; i < records; i++) {
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("id", SurrealRecordId.of("documents", DemoDataset.key(i)));
            record.putAll(demo.record(i));
            page.add(record);
        }
        return page;
    }
}
