package io.cortexsync.cli.cluster;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The stop command's own checks, before any cluster is asked; a real cluster's stop is in MigrateOnClusterITCase. */
class StopCommandTest {

    @Test
    void aMalformedJobIdIsNamedInOneLine() {
        CommandRun run = CommandRun.run(StopCommand::new, "--jobmanager", "http://127.0.0.1:1", "--job", "not-a-job");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("cortex-sync stop: --job: a job id is 32 hex digits, got 'not-a-job'\n");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aTooShortTimeoutIsNamed() {
        CommandRun run = CommandRun.run(StopCommand::new, "--jobmanager", "http://127.0.0.1:1",
                "--job", "0123456789abcdef0123456789abcdef", "--timeout", "10ms");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("cortex-sync stop: --timeout: at least 1s");
    }

    @Test
    void aJobManagerThatDoesNotAnswerIsNamedInOneLine() {
        CommandRun run = CommandRun.run(StopCommand::new, "--jobmanager", "http://127.0.0.1:1",
                "--job", "0123456789abcdef0123456789abcdef", "--timeout", "2s");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).singleElement().asString().startsWith("cortex-sync stop: --jobmanager: Flink at http://127.0.0.1:1/");
    }

    @Test
    void aPlainSavepointDirectoryBecomesAnAbsoluteFileUri() {
        assertThat(StopCommand.directoryUri("s3://bucket/savepoints/")).isEqualTo("s3://bucket/savepoints");
        assertThat(StopCommand.directoryUri("relative/savepoints")).startsWith("file:///").endsWith("/relative/savepoints");
    }
}
