package io.cortexsync.testkit.qdrant;

import io.qdrant.client.grpc.Collections.CollectionConfig;
import io.qdrant.client.grpc.Collections.CollectionInfo;
import io.qdrant.client.grpc.Collections.CollectionParams;
import io.qdrant.client.grpc.Collections.CollectionStatus;
import io.qdrant.client.grpc.Collections.CreateCollection;
import io.qdrant.client.grpc.Collections.HnswConfigDiff;
import io.qdrant.client.grpc.Collections.OptimizerStatus;
import io.qdrant.client.grpc.Collections.OptimizersConfigDiff;
import io.qdrant.client.grpc.Collections.UpdateCollection;
import io.qdrant.client.grpc.Collections.UpdateQueueInfo;
import io.qdrant.client.grpc.Collections.WalConfigDiff;

/**
 * Collection configuration as GetCollectionInfo reports it: Qdrant 1.18's defaults (from its
 * shipped config.yaml) overlaid with what create and update requests set.
 */
final class CollectionConfigs {

    private CollectionConfigs() {}

    static CollectionConfig fromCreate(CreateCollection request) {
        CollectionParams.Builder params = CollectionParams.newBuilder()
                .setShardNumber(request.hasShardNumber() ? request.getShardNumber() : 1)
                .setOnDiskPayload(!request.hasOnDiskPayload() || request.getOnDiskPayload())
                .setReplicationFactor(request.hasReplicationFactor() ? request.getReplicationFactor() : 1)
                .setWriteConsistencyFactor(
                        request.hasWriteConsistencyFactor() ? request.getWriteConsistencyFactor() : 1);
        if (request.hasVectorsConfig()) {
            params.setVectorsConfig(request.getVectorsConfig());
        }
        if (request.hasSparseVectorsConfig()) {
            params.setSparseVectorsConfig(request.getSparseVectorsConfig());
        }
        CollectionConfig.Builder config = CollectionConfig.newBuilder()
                .setParams(params)
                .setHnswConfig(defaultHnsw().mergeFrom(request.getHnswConfig()))
                .setOptimizerConfig(defaultOptimizers().mergeFrom(request.getOptimizersConfig()))
                .setWalConfig(defaultWal().mergeFrom(request.getWalConfig()))
                .putAllMetadata(request.getMetadataMap());
        if (request.hasQuantizationConfig()) {
            config.setQuantizationConfig(request.getQuantizationConfig());
        }
        if (request.hasStrictModeConfig()) {
            config.setStrictModeConfig(request.getStrictModeConfig());
        }
        return config.build();
    }

    /** Applies the parts of an update that change what the collection reports. */
    static CollectionConfig applyUpdate(CollectionConfig current, UpdateCollection update) {
        CollectionConfig.Builder config = current.toBuilder();
        if (update.hasOptimizersConfig()) {
            config.getOptimizerConfigBuilder().mergeFrom(update.getOptimizersConfig());
        }
        if (update.hasHnswConfig()) {
            config.getHnswConfigBuilder().mergeFrom(update.getHnswConfig());
        }
        if (update.hasParams()) {
            var diff = update.getParams();
            CollectionParams.Builder params = config.getParamsBuilder();
            if (diff.hasReplicationFactor()) {
                params.setReplicationFactor(diff.getReplicationFactor());
            }
            if (diff.hasWriteConsistencyFactor()) {
                params.setWriteConsistencyFactor(diff.getWriteConsistencyFactor());
            }
            if (diff.hasOnDiskPayload()) {
                params.setOnDiskPayload(diff.getOnDiskPayload());
            }
            if (diff.hasReadFanOutFactor()) {
                params.setReadFanOutFactor(diff.getReadFanOutFactor());
            }
        }
        if (update.hasQuantizationConfig()) {
            var quantization = update.getQuantizationConfig();
            switch (quantization.getQuantizationCase()) {
                case SCALAR -> config.getQuantizationConfigBuilder().setScalar(quantization.getScalar());
                case PRODUCT -> config.getQuantizationConfigBuilder().setProduct(quantization.getProduct());
                case BINARY -> config.getQuantizationConfigBuilder().setBinary(quantization.getBinary());
                case DISABLED -> config.clearQuantizationConfig();
                default -> { }
            }
        }
        if (update.hasStrictModeConfig()) {
            config.getStrictModeConfigBuilder().mergeFrom(update.getStrictModeConfig());
        }
        config.putAllMetadata(update.getMetadataMap());
        return config.build();
    }

    static CollectionInfo info(StoredCollection collection) {
        long points = collection.read(all -> (long) all.size());
        return CollectionInfo.newBuilder()
                .setStatus(CollectionStatus.Green)
                .setOptimizerStatus(OptimizerStatus.newBuilder().setOk(true))
                .setSegmentsCount(1)
                .setConfig(collection.config())
                .putAllPayloadSchema(PayloadIndexes.describe(collection))
                .setPointsCount(points)
                .setIndexedVectorsCount(0)
                .setUpdateQueue(UpdateQueueInfo.newBuilder().setLength(0))
                .build();
    }

    private static HnswConfigDiff.Builder defaultHnsw() {
        return HnswConfigDiff.newBuilder()
                .setM(16)
                .setEfConstruct(100)
                .setFullScanThreshold(10_000)
                .setMaxIndexingThreads(0)
                .setOnDisk(false);
    }

    private static OptimizersConfigDiff.Builder defaultOptimizers() {
        return OptimizersConfigDiff.newBuilder()
                .setDeletedThreshold(0.2)
                .setVacuumMinVectorNumber(1000)
                .setDefaultSegmentNumber(0)
                .setIndexingThreshold(10_000)
                .setFlushIntervalSec(5);
    }

    private static WalConfigDiff.Builder defaultWal() {
        return WalConfigDiff.newBuilder().setWalCapacityMb(32).setWalSegmentsAhead(0);
    }
}
