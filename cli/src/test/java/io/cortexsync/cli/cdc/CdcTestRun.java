package io.cortexsync.cli.cdc;

import io.cortexsync.cli.CortexSyncCli;
import io.cortexsync.cli.run.MiniClusterRunner;
import io.cortexsync.cli.run.StreamingTestRun;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** A {@code cdc} run on a MiniCluster in this JVM, in the background, stopped when the test says. */
public final class CdcTestRun {

    private CdcTestRun() {}

    public static StreamingTestRun start(List<String> args) {
        CdcOptions options = CortexSyncCli.parseCdcOptions(args.toArray(new String[0]));
        return new StreamingTestRun(options.target().collection(), (out, stop) ->
                new CdcRun(options, new MiniClusterRunner(options.run().webUi()), out, Duration.ofSeconds(1), Clock.systemUTC()).run(stop));
    }
}
