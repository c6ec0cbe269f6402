package io.cortexsync.testkit.flink;

import org.apache.flink.connector.testframe.environment.MiniClusterTestEnvironment;
import org.apache.flink.connector.testframe.junit.annotations.TestEnv;
import org.apache.flink.connector.testframe.junit.annotations.TestSemantics;
import org.apache.flink.connector.testframe.testsuites.SourceTestSuiteBase;
import org.apache.flink.core.execution.CheckpointingMode;

/**
 * Flink's source test suite on a MiniCluster, under exactly-once and at-least-once checkpointing.
 * A subclass names its store ({@code @TestExternalSystem}) and its contexts ({@code @TestContext}).
 */
public abstract class MiniClusterSourceSuite<T> extends SourceTestSuiteBase<T> {

    @TestEnv
    protected final MiniClusterTestEnvironment flink = new MiniClusterTestEnvironment();

    @TestSemantics
    protected final CheckpointingMode[] semantics =
            new CheckpointingMode[] {CheckpointingMode.EXACTLY_ONCE, CheckpointingMode.AT_LEAST_ONCE};
}
