package io.cortexsync.cli.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cortexsync.connector.qdrant.admin.QdrantCollectionAdmin;
import io.cortexsync.connector.qdrant.client.QdrantConnection;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.VectorParams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bulk-load mode (HNSW indexing off while the points load) never degrades a collection that may be
 * serving searches: only a collection the run created is bulk-loaded, or one the user names with
 * {@code --bulk-load}; the report says which. HNSW settings change only through UpdateCollection,
 * so the stand-in's count of Collections/Update calls shows whether indexing was touched at all.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class MigrateBulkLoadITCase {

    private static final int RECORDS = 300;
    private static final int DIM = 8;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static MigrationTestStores stores;

    @BeforeAll
    static void start() {
        stores = MigrationTestStores.start("bulk");
        stores.load("bulk", "docs", RECORDS, DIM, false);
    }

    @AfterAll
    static void stop() {
        if (stores != null) {
            stores.close();
        }
    }

    @Test
    void anExistingCollectionKeepsItsIndexUnlessAsked(@TempDir Path dir) throws Exception {
        createCollection("live");
        long hnswM = hnswM("live");

        long updatesBefore = stores.qdrant.callCount("Collections/Update");
        JsonNode report = migrate(dir, "live", "plain");
        assertThat(stores.qdrant.callCount("Collections/Update") - updatesBefore)
                .as("Collections/Update calls of a migration into an existing collection").isZero();
        assertThat(report.path("bulkLoad").asText()).startsWith("off:");
        assertThat(hnswM("live")).isEqualTo(hnswM);
        assertThat(stores.pointCount("live")).isEqualTo(RECORDS);

        updatesBefore = stores.qdrant.callCount("Collections/Update");
        report = migrate(dir, "live", "asked", "--bulk-load");
        assertThat(stores.qdrant.callCount("Collections/Update") - updatesBefore)
                .as("Collections/Update calls with --bulk-load: indexing off, then back on").isGreaterThanOrEqualTo(2);
        assertThat(report.path("bulkLoad").asText()).isEqualTo("on: asked with qdrant.collection.bulk-load");
        assertThat(hnswM("live")).isEqualTo(hnswM);
    }

    @Test
    void aCollectionTheRunCreatesIsBulkLoaded(@TempDir Path dir) throws Exception {
        long updatesBefore = stores.qdrant.callCount("Collections/Update");
        JsonNode report = migrate(dir, "fresh", "fresh");
        assertThat(report.path("bulkLoad").asText()).isEqualTo("on: this run created the collection");
        assertThat(stores.qdrant.callCount("Collections/Update") - updatesBefore).isGreaterThanOrEqualTo(2);
        assertThat(hnswM("fresh")).isPositive();
        assertThat(stores.pointCount("fresh")).isEqualTo(RECORDS);
    }

    @Test
    void aBulkLoadAnEarlierRunLeftUnfinishedIsFinished(@TempDir Path dir) throws Exception {
        createCollection("half");
        long hnswM = hnswM("half");
        // what a client killed during its run leaves behind: indexing off, the m to restore in the metadata
        try (QdrantConnection qdrant = stores.qdrantConnection()) {
            new QdrantCollectionAdmin(qdrant).beginBulkLoad("half");
        }
        assertThat(hnswM("half")).isZero();

        JsonNode report = migrate(dir, "half", "half");
        assertThat(report.path("bulkLoad").asText()).isEqualTo("on: an unfinished bulk load of an earlier run is finished");
        assertThat(hnswM("half")).as("the collection's own m again").isEqualTo(hnswM).isPositive();
    }

    private static JsonNode migrate(Path dir, String collection, String name, String... extra) throws Exception {
        List<String> args = new ArrayList<>(stores.args("bulk", collection, "docs"));
        args.addAll(List.of("--checkpoint-dir", dir.resolve(name + "-chk").toString(),
                "--dead-letter", dir.resolve(name + "-dead.jsonl").toString(),
                "--report", dir.resolve(name + "-report.json").toString()));
        args.addAll(List.of(extra));
        MigrationTestStores.Run run = MigrationTestStores.migrate(args);
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        return JSON.readTree(dir.resolve(name + "-report.json").toFile());
    }

    private static void createCollection(String name) throws Exception {
        try (QdrantConnection qdrant = stores.qdrantConnection()) {
            qdrant.client().createCollectionAsync(name,
                    VectorParams.newBuilder().setSize(DIM).setDistance(Distance.Cosine).build()).get(30, TimeUnit.SECONDS);
        }
    }

    private static long hnswM(String name) throws Exception {
        try (QdrantConnection qdrant = stores.qdrantConnection()) {
            return qdrant.client().getCollectionInfoAsync(name).get(30, TimeUnit.SECONDS)
                    .getConfig().getHnswConfig().getM();
        }
    }
}
