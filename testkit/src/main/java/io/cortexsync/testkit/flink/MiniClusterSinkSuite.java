package io.cortexsync.testkit.flink;

import org.apache.flink.connector.testframe.environment.MiniClusterTestEnvironment;
import org.apache.flink.connector.testframe.junit.annotations.TestEnv;
import org.apache.flink.connector.testframe.junit.annotations.TestSemantics;
import org.apache.flink.connector.testframe.testsuites.SinkTestSuiteBase;
import org.apache.flink.core.execution.CheckpointingMode;

/**
 * Flink's sink test suite on a MiniCluster, under exactly-once and at-least-once checkpointing.
 * A subclass names its store ({@code @TestExternalSystem}) and its contexts ({@code @TestContext}).
 */
public abstract class MiniClusterSinkSuite<T extends Comparable<T>> extends SinkTestSuiteBase<T> {

    @TestEnv
    protected final MiniClusterTestEnvironment flink = new MiniClusterTestEnvironment();

    @TestSemantics
    protected final CheckpointingMode[] semantics =
            new CheckpointingMode[] {CheckpointingMode.EXACTLY_ONCE, CheckpointingMode.AT_LEAST_ONCE};
}
