package io.cortexsync.cli.dualwrite;

import io.cortexsync.cli.CortexSyncCli;
import io.cortexsync.cli.run.MiniClusterRunner;
import io.cortexsync.cli.run.StreamingTestRun;

import java.time.Duration;
import java.util.List;

/** A {@code dual-write} run on a MiniCluster in this JVM, in the background, stopped when the test says. */
public final class DualWriteTestRun {

    private DualWriteTestRun() {}

    public static StreamingTestRun start(List<String> args) {
        DualWriteCommandOptions options = CortexSyncCli.parseDualWriteOptions(args.toArray(new String[0]));
        return new StreamingTestRun(options.target().collection(), (out, stop) ->
                new DualWriteRun(options, new MiniClusterRunner(options.run().webUi()), out, Duration.ofSeconds(1)).run(stop));
    }
}
