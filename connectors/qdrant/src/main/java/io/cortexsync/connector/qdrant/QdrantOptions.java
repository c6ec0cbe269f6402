package io.cortexsync.connector.qdrant;

import io.cortexsync.connector.common.config.OptionKeys;
import io.cortexsync.connector.qdrant.admin.CollectionSpec;
import io.cortexsync.connector.qdrant.client.QdrantConnectionConfig;
import io.qdrant.client.grpc.Collections.Distance;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.ReadableConfig;

import java.time.Duration;
import java.util.List;

/**
 * Every option of the Qdrant connector, as Flink {@link ConfigOption}s: how to connect, how the
 * sink writes, how the source scrolls and how the collection is administered. Jobs read them from
 * a Flink configuration or YAML; the builders take the same settings as typed setters. Keys
 * follow {@link OptionKeys}, named as the SurrealDB connector's are.
 */
@PublicEvolving
public final class QdrantOptions {

    private QdrantOptions() {}

    // ---------------------------------------------------------------- connection

    public static final ConfigOption<String> HOST =
            ConfigOptions.key("qdrant.host")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("Host of Qdrant's gRPC API.");

    public static final ConfigOption<Integer> PORT =
            ConfigOptions.key("qdrant.port")
                    .intType()
                    .defaultValue(QdrantConnectionConfig.DEFAULT_PORT)
                    .withDescription("Port of Qdrant's gRPC API (6334 by default; 6333 is the REST API).");

    public static final ConfigOption<String> API_KEY =
            ConfigOptions.key("qdrant.api-key")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("API key sent as the api-key header. Never logged.");

    public static final ConfigOption<Boolean> TLS =
            ConfigOptions.key("qdrant.tls")
                    .booleanType()
                    .defaultValue(false)
                    .withDescription("Connect with TLS.");

    public static final ConfigOption<String> TLS_TRUST_CERTIFICATE =
            ConfigOptions.key("qdrant.tls.trust-certificate")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("PEM file of CA certificates to trust instead of the JVM's defaults.");

    public static final ConfigOption<Duration> REQUEST_TIMEOUT =
            ConfigOptions.key("qdrant.request-timeout")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(30))
                    .withDeprecatedKeys("qdrant.timeout")
                    .withDescription("Deadline of each gRPC call.");

    public static final ConfigOption<Duration> CONNECT_TIMEOUT =
            ConfigOptions.key("qdrant.connect-timeout")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(10))
                    .withDescription("Timeout of opening a connection.");

    // ---------------------------------------------------------------- sink

    public static final ConfigOption<Integer> SINK_BATCH_SIZE =
            ConfigOptions.key("qdrant.sink.batch-size")
                    .intType()
                    .defaultValue(256)
                    .withDescription("Points per request at the start; adapted within the min and max batch size.");

    public static final ConfigOption<Integer> SINK_MIN_BATCH_SIZE =
            ConfigOptions.key("qdrant.sink.min-batch-size")
                    .intType()
                    .defaultValue(16)
                    .withDescription("Smallest batch the adaptive batch size shrinks to.");

    public static final ConfigOption<Integer> SINK_MAX_BATCH_SIZE =
            ConfigOptions.key("qdrant.sink.max-batch-size")
                    .intType()
                    .defaultValue(1024)
                    .withDescription("Largest batch the adaptive batch size grows to.");

    public static final ConfigOption<MemorySize> SINK_MAX_BATCH_BYTES =
            ConfigOptions.key("qdrant.sink.max-batch-bytes")
                    .memoryType()
                    .defaultValue(MemorySize.ofMebiBytes(8))
                    .withDescription("Encoded bytes per request at most (a single larger point is sent alone).");

    public static final ConfigOption<Duration> SINK_MAX_BUFFERED_TIME =
            ConfigOptions.key("qdrant.sink.max-buffered-time")
                    .durationType()
                    .defaultValue(Duration.ofMillis(500))
                    .withDescription("Longest a point waits in the buffer before it is sent; 0 for no timer.");

    public static final ConfigOption<Integer> SINK_MAX_IN_FLIGHT_BATCHES =
            ConfigOptions.key("qdrant.sink.max-in-flight-batches")
                    .intType()
                    .defaultValue(4)
                    .withDescription("Batches sent and not yet confirmed, per writer, at most.");

    public static final ConfigOption<Duration> SINK_TARGET_LATENCY =
            ConfigOptions.key("qdrant.sink.target-latency")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(1))
                    .withDescription("Write latency the batch size grows under and halves over.");

    public static final ConfigOption<Integer> SINK_MAX_RETRIES =
            ConfigOptions.key("qdrant.sink.max-retries")
                    .intType()
                    .defaultValue(5)
                    .withDescription("Retries of a request failing with UNAVAILABLE, DEADLINE_EXCEEDED, "
                            + "RESOURCE_EXHAUSTED or ABORTED; past them the job fails over.");

    public static final ConfigOption<Duration> SINK_INITIAL_BACKOFF =
            ConfigOptions.key("qdrant.sink.initial-backoff")
                    .durationType()
                    .defaultValue(Duration.ofMillis(100))
                    .withDescription("Wait before the first retry; it doubles per retry, with jitter.");

    public static final ConfigOption<Duration> SINK_MAX_BACKOFF =
            ConfigOptions.key("qdrant.sink.max-backoff")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(5))
                    .withDescription("Longest wait before a retry.");

    // ---------------------------------------------------------------- source

    public static final ConfigOption<Integer> SOURCE_PARTITION_BITS =
            ConfigOptions.key("qdrant.source.partition-bits")
                    .intType()
                    .defaultValue(8)
                    .withDescription("The source cuts the UUID space into 2^bits contiguous ranges (the "
                            + "reconciliation partitions), one split each, plus one split for numeric ids. 0..16.");

    public static final ConfigOption<Integer> SOURCE_PAGE_SIZE =
            ConfigOptions.key("qdrant.source.page-size")
                    .intType()
                    .defaultValue(256)
                    .withDescription("Points per scroll request.");

    public static final ConfigOption<Boolean> SOURCE_WITH_VECTORS =
            ConfigOptions.key("qdrant.source.with-vectors")
                    .booleanType()
                    .defaultValue(false)
                    .withDescription("Read the points' vectors.");

    public static final ConfigOption<Boolean> SOURCE_WITH_PAYLOAD =
            ConfigOptions.key("qdrant.source.with-payload")
                    .booleanType()
                    .defaultValue(true)
                    .withDescription("Read the points' payload.");

    public static final ConfigOption<List<String>> SOURCE_PAYLOAD_FIELDS =
            ConfigOptions.key("qdrant.source.payload-fields")
                    .stringType()
                    .asList()
                    .defaultValues()
                    .withDescription("Read only these payload keys; empty reads them all.");

    public static final ConfigOption<Integer> SOURCE_MAX_RETRIES =
            ConfigOptions.key("qdrant.source.max-retries")
                    .intType()
                    .defaultValue(5)
                    .withDescription("Retries of a scroll that failed with a transient status (unavailable, "
                            + "deadline exceeded, resource exhausted, aborted) before the job fails.");

    public static final ConfigOption<Duration> SOURCE_INITIAL_BACKOFF =
            ConfigOptions.key("qdrant.source.initial-backoff")
                    .durationType()
                    .defaultValue(Duration.ofMillis(200))
                    .withDescription("Wait before the first retry of a scroll; doubles per retry, with jitter.");

    public static final ConfigOption<Duration> SOURCE_MAX_BACKOFF =
            ConfigOptions.key("qdrant.source.max-backoff")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(10))
                    .withDescription("Longest wait between retries of a scroll.");

    // ---------------------------------------------------------------- collection admin

    public static final ConfigOption<String> COLLECTION =
            ConfigOptions.key("qdrant.collection")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("Name of the collection to write to or read from.");

    public static final ConfigOption<Integer> COLLECTION_VECTOR_SIZE =
            ConfigOptions.key("qdrant.collection.vector-size")
                    .intType()
                    .noDefaultValue()
                    .withDescription("Size of the collection's vectors: used to create it, and checked against "
                            + "an existing one.");

    public static final ConfigOption<Distance> COLLECTION_DISTANCE =
            ConfigOptions.key("qdrant.collection.distance")
                    .enumType(Distance.class)
                    .defaultValue(Distance.Cosine)
                    .withDescription("Distance of the collection's vectors (Cosine, Euclid, Dot, Manhattan): used "
                            + "to create it, and checked against an existing one.");

    public static final ConfigOption<Boolean> COLLECTION_ON_DISK =
            ConfigOptions.key("qdrant.collection.on-disk")
                    .booleanType()
                    .defaultValue(false)
                    .withDescription("Create the collection with its vectors on disk (memory-mapped) instead of "
                            + "in RAM.");

    public static final ConfigOption<Boolean> COLLECTION_BULK_LOAD =
            ConfigOptions.key("qdrant.collection.bulk-load")
                    .booleanType()
                    .defaultValue(false)
                    .withDescription("Also bulk-load an existing collection: HNSW m is 0 while a bounded job loads "
                            + "it and restored when it is done, so the graph is built once at the end. A collection the "
                            + "load creates is always bulk-loaded; an existing one may serve searches and keeps its index "
                            + "unless this is set.");

    /** The collection a configuration describes; fails naming the option when one is missing or wrong. */
    public static CollectionSpec collectionSpec(ReadableConfig config) {
        return CollectionSpec.builder()
                .name(config.getOptional(COLLECTION)
                        .orElseThrow(() -> new IllegalArgumentException(COLLECTION.key() + " must be set")))
                .vectorSize(config.getOptional(COLLECTION_VECTOR_SIZE)
                        .orElseThrow(() -> new IllegalArgumentException(COLLECTION_VECTOR_SIZE.key() + " must be set")))
                .distance(config.get(COLLECTION_DISTANCE))
                .onDiskVectors(config.get(COLLECTION_ON_DISK))
                .build();
    }

    /** The connection settings of a configuration; fails naming the option when one is wrong. */
    public static QdrantConnectionConfig connectionConfig(ReadableConfig config) {
        return QdrantConnectionConfig.builder()
                .host(config.getOptional(HOST)
                        .orElseThrow(() -> new IllegalArgumentException(HOST.key() + " must be set")))
                .port(config.get(PORT))
                .apiKey(config.get(API_KEY))
                .tls(config.get(TLS))
                .trustCertificatePath(config.get(TLS_TRUST_CERTIFICATE))
                .requestTimeout(config.get(REQUEST_TIMEOUT))
                .connectTimeout(config.get(CONNECT_TIMEOUT))
                .build();
    }
}
