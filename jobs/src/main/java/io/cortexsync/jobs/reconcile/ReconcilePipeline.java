package io.cortexsync.jobs.reconcile;

import io.cortexsync.connector.qdrant.source.QdrantPayloadSelector;
import io.cortexsync.connector.qdrant.source.QdrantSource;
import io.cortexsync.connector.surrealdb.source.StartingMode;
import io.cortexsync.connector.surrealdb.source.SurrealSource;
import io.cortexsync.connector.surrealdb.source.convert.EntityChangeConverter;
import io.cortexsync.connector.surrealdb.source.convert.SyncEntityConverter;
import io.cortexsync.connector.surrealdb.source.record.SurrealChange;
import io.cortexsync.jobs.common.SurrealReads;
import io.cortexsync.jobs.common.SyncJobOptions;
import io.cortexsync.jobs.events.KafkaEventSinks;
import io.cortexsync.jobs.reconcile.compare.ContinuousReconciler;
import io.cortexsync.jobs.reconcile.compare.DeepVectorCheck;
import io.cortexsync.jobs.reconcile.compare.PartitionReconciler;
import io.cortexsync.jobs.reconcile.element.SideElement;
import io.cortexsync.jobs.reconcile.element.SnapshotDoneFanOut;
import io.cortexsync.jobs.reconcile.element.SourceChanges;
import io.cortexsync.jobs.reconcile.element.SourceElements;
import io.cortexsync.jobs.reconcile.element.TargetElementDeserializer;
import io.cortexsync.jobs.reconcile.element.TargetElements;
import io.cortexsync.jobs.reconcile.element.UnsyncableRecords;
import io.cortexsync.jobs.reconcile.repair.RepairApplier;
import io.cortexsync.schema.model.EntityChange;
import io.cortexsync.schema.model.RepairRecord;
import io.cortexsync.schema.model.SyncEntity;
import io.cortexsync.schema.model.SyncEvent;
import io.cortexsync.schema.serialization.SchemaTypes;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * The reconciliation's graph: the SurrealDB snapshot (converted as the sync jobs convert it) and
 * the Qdrant collection's payloads (vectors only with reconcile.deep, to a per-point check), read in parallel, both as elements keyed by the
 * partition of their point id → {@link PartitionReconciler} (Merkle trees per partition, elements
 * compared only in the leaves that differ) → counted → part files for the report, the repairs
 * topic, and, with repair, {@link RepairApplier} → the events topic. Every operator has a stable uid.
 */
public final class ReconcilePipeline {

    public static final String SOURCE_UID = SurrealReads.SOURCE_UID;
    public static final String CONVERTER_UID = "to-sync-entity";
    public static final String SOURCE_ELEMENTS_UID = "source-elements";
    public static final String UNSYNCABLE_UID = "unsyncable-records";
    public static final String TARGET_UID = "qdrant-source";
    public static final String TARGET_ELEMENTS_UID = "target-elements";
    public static final String RECONCILER_UID = "partition-reconciler";
    public static final String DROP_VECTORS_UID = "drop-vectors";
    public static final String SNAPSHOTS_DONE_UID = "snapshots-done-per-partition";
    public static final String CONTINUOUS_RECONCILER_UID = "continuous-reconciler";
    public static final String DEEP_CHECK_UID = "deep-vector-check";
    public static final String COUNT_FOUND_UID = "count-found";
    public static final String FINDING_FILES_UID = "finding-files";
    public static final String REPAIRS_TOPIC_UID = "repairs-topic";
    public static final String REPAIR_UID = "repair";
    public static final String EVENTS_TOPIC_UID = "sync-events-topic";
    public static final String NO_EVENTS_UID = "sync-events-discarded";

    private static final TypeInformation<SideElement> ELEMENT = TypeInformation.of(SideElement.class);

    private ReconcilePipeline() {}

    public static void build(StreamExecutionEnvironment env, ReadableConfig config, ReconcileSettings settings) {
        outputs(config, settings, settings.continuous() ? continuous(env, config, settings) : once(env, settings));
    }

    /** Both sides read once, compared by partition when both have ended. */
    private static DataStream<RepairRecord> once(StreamExecutionEnvironment env, ReconcileSettings settings) {
        DataStream<SideElement> elements = sourceElements(env, settings).union(targetElements(env, settings));
        DataStream<SideElement> digested = elements;
        if (settings.deep()) {
            // the vectors go to the deep check only; the partitions keep ids and hashes
            digested = elements.map(SideElement::withoutVector).returns(ELEMENT).name("drop vectors").uid(DROP_VECTORS_UID);
        }
        DataStream<RepairRecord> differences = digested
                .keyBy(element -> element.partition, Types.INT)
                .process(new PartitionReconciler(settings.leavesPerPartition(), settings.repair()))
                .returns(SchemaTypes.REPAIR_RECORD)
                .name("compare partitions")
                .uid(RECONCILER_UID);
        if (settings.deep()) {
            differences = differences.union(elements
                    .keyBy(element -> element.pointId().toString(), Types.STRING)
                    .process(new DeepVectorCheck(settings.distance(), settings.tolerance(), settings.repair()))
                    .returns(SchemaTypes.REPAIR_RECORD)
                    .name("compare vectors")
                    .uid(DEEP_CHECK_UID));
        }
        return differences;
    }

    /**
     * The SurrealDB side from its snapshot and then its change feed, kept in the partitions'
     * state; each partition rescans its Qdrant range round-robin over the cycle.
     */
    private static DataStream<RepairRecord> continuous(StreamExecutionEnvironment env, ReadableConfig config,
            ReconcileSettings settings) {
        SingleOutputStreamOperator<EntityChange> changes = SurrealReads.changes(env,
                SurrealSource.<SurrealChange>builder().setOptions(config).setStartingMode(StartingMode.SNAPSHOT_THEN_CHANGES),
                settings.tables(), settings.vectorField(), settings.dimension(), CONVERTER_UID);
        DataStream<SideElement> records = changes
                .connect(changes.getSideOutput(EntityChangeConverter.DEAD_LETTERS))
                .process(new SourceChanges(settings.partitionBits(), settings.leafBits()))
                .returns(ELEMENT)
                .name("record elements")
                .uid(SOURCE_ELEMENTS_UID);
        DataStream<Tuple2<Integer, String>> snapshotsDone = changes.getSideOutput(EntityChangeConverter.SNAPSHOTS)
                .flatMap(new SnapshotDoneFanOut(settings.partitions()))
                .returns(Types.TUPLE(Types.INT, Types.STRING))
                .name("snapshots done, per partition")
                .uid(SNAPSHOTS_DONE_UID);
        return records.keyBy(element -> element.partition, Types.INT)
                .connect(snapshotsDone.keyBy(signal -> signal.f0, Types.INT))
                .process(new ContinuousReconciler(settings.qdrant(), settings.collection(), settings.tables(),
                        settings.partitionBits(), settings.leafBits(), settings.cycle(), settings.grace(), settings.repair(),
                        settings.bloomFalsePositiveRate()))
                .returns(SchemaTypes.REPAIR_RECORD)
                .name("rescan partitions")
                .uid(CONTINUOUS_RECONCILER_UID);
    }

    /** The differences counted, to the part files, the repairs topic and, with repair, repaired. */
    private static void outputs(ReadableConfig config, ReconcileSettings settings, DataStream<RepairRecord> differences) {
        SingleOutputStreamOperator<RepairRecord> found = differences
                .process(new FindingCounting())
                .returns(SchemaTypes.REPAIR_RECORD)
                .name("count differences")
                .uid(COUNT_FOUND_UID);
        found.sinkTo(new FindingFileSink(settings.findingsDir())).name("repair-record files").uid(FINDING_FILES_UID);
        String syncId = syncId(config, settings);
        KafkaEventSinks.repairs(config, syncId)
                .ifPresent(sink -> found.sinkTo(sink).name("repairs topic").uid(REPAIRS_TOPIC_UID));
        if (settings.repair()) {
            DataStream<SyncEvent> events = found
                    .process(new RepairApplier(settings.surreal(), settings.qdrant(), settings.collection(),
                            settings.vectorField(), settings.dimension()))
                    .returns(SchemaTypes.SYNC_EVENT)
                    .name("repair")
                    .uid(REPAIR_UID);
            if (KafkaEventSinks.events(config, syncId).map(sink -> events.sinkTo(sink).name("events topic").uid(EVENTS_TOPIC_UID)).isEmpty()) {
                events.sinkTo(new DiscardingSink<>()).name("no events topic").uid(NO_EVENTS_UID);
            }
        }
    }

    /** SurrealDB's side: the tables' records, converted as the sync jobs convert them; the source-only benchmark measures this. */
    public static SingleOutputStreamOperator<SideElement> sourceElements(StreamExecutionEnvironment env, ReconcileSettings settings) {
        SingleOutputStreamOperator<SyncEntity> entities = SurrealReads.entities(env,
                SurrealSource.<SurrealChange>builder().setConnectionConfig(settings.surreal()).setStartingMode(StartingMode.SNAPSHOT_ONLY),
                settings.tables(), settings.vectorField(), settings.dimension(), CONVERTER_UID);
        // a record that cannot be synced has no point: it counts as absent, as it does for the sync jobs
        entities.getSideOutput(SyncEntityConverter.DEAD_LETTERS)
                .process(new UnsyncableRecords())
                .returns(SchemaTypes.DEAD_LETTER)
                .name("count unsyncable records")
                .uid(UNSYNCABLE_UID)
                .sinkTo(new DiscardingSink<>()).name("unsyncable records").uid(UNSYNCABLE_UID + "-end");
        return entities
                .process(new SourceElements(settings.partitionBits(), settings.leafBits(), settings.sampledPartitions(), settings.deep()))
                .returns(ELEMENT)
                .name("record elements")
                .uid(SOURCE_ELEMENTS_UID);
    }

    /** Qdrant's side: the collection's points, payload ids and hashes only; the scan-only benchmark measures this. */
    public static SingleOutputStreamOperator<SideElement> targetElements(StreamExecutionEnvironment env, ReconcileSettings settings) {
        QdrantSource<SideElement> source = QdrantSource.<SideElement>builder()
                .setConnectionConfig(settings.qdrant())
                .setCollectionName(settings.collection())
                .setPartitionBits(settings.partitionBits())
                .setPartitions(settings.sampledPartitions())
                .setPayloadSelector(QdrantPayloadSelector.include(TargetElementDeserializer.PAYLOAD_FIELDS))
                .setWithVectors(settings.deep())
                .setDeserializer(new TargetElementDeserializer(settings.partitionBits(), settings.leafBits()))
                .build();
        return env
                .fromSource(source, WatermarkStrategy.noWatermarks(), "Qdrant " + settings.collection())
                .uid(TARGET_UID)
                .process(new TargetElements(settings.tables()))
                .returns(ELEMENT)
                .name("point elements")
                .uid(TARGET_ELEMENTS_UID);
    }

    static String syncId(ReadableConfig config, ReconcileSettings settings) {
        return config.getOptional(SyncJobOptions.SYNC_ID)
                .orElseGet(() -> "reconcile-" + settings.collection());
    }
}
