package io.cortexsync.jobs.common;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JobEnvironmentTest {

    private static final SyncJob JOB = new SyncJob() {
        @Override
        public String name(ReadableConfig config) {
            return NAME_PREFIX + "test";
        }

        @Override
        public void validate(ReadableConfig config) {}

        @Override
        public void build(StreamExecutionEnvironment env, ReadableConfig config) {}
    };

    @Test
    void savepointsGoNextToTheCheckpointsAndArePublishedAsAJobParameter() {
        Configuration config = Configuration.fromMap(Map.of(
                "execution.checkpointing.dir", "file:///data/checkpoints/docs-1234/",
                "surrealdb.password", "secret"));

        Configuration flink = SyncJob.flinkConfiguration(JOB, config);

        assertThat(flink.get(CheckpointingOptions.SAVEPOINT_DIRECTORY)).isEqualTo("file:///data/checkpoints/docs-1234/savepoints");
        assertThat(flink.get(PipelineOptions.GLOBAL_JOB_PARAMETERS))
                .containsExactly(Map.entry("execution.checkpointing.savepoint-dir", "file:///data/checkpoints/docs-1234/savepoints"));
    }

    @Test
    void aSavepointDirectoryTheConfigurationNamesIsKept() {
        Configuration config = Configuration.fromMap(Map.of(
                "execution.checkpointing.dir", "file:///data/checkpoints/docs-1234",
                "execution.checkpointing.savepoint-dir", "s3://bucket/savepoints",
                "pipeline.global-job-parameters", "team:search"));

        Configuration flink = SyncJob.flinkConfiguration(JOB, config);

        assertThat(flink.get(CheckpointingOptions.SAVEPOINT_DIRECTORY)).isEqualTo("s3://bucket/savepoints");
        assertThat(flink.get(PipelineOptions.GLOBAL_JOB_PARAMETERS)).containsOnly(
                Map.entry("team", "search"), Map.entry("execution.checkpointing.savepoint-dir", "s3://bucket/savepoints"));
    }

    @Test
    void noSavepointDirectoryWithoutACheckpointDirectory() {
        Configuration flink = SyncJob.flinkConfiguration(JOB, new Configuration());

        assertThat(flink.getOptional(CheckpointingOptions.SAVEPOINT_DIRECTORY)).isEmpty();
        assertThat(flink.getOptional(PipelineOptions.GLOBAL_JOB_PARAMETERS)).isEmpty();
    }
}
