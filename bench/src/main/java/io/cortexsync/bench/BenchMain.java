package io.cortexsync.bench;

import io.cortexsync.bench.cdc.CdcBench;
import io.cortexsync.bench.dualwrite.DualWriteBench;
import io.cortexsync.bench.migrate.EntityPathBench;
import io.cortexsync.bench.migrate.MigrateBench;
import io.cortexsync.bench.qdrant.QdrantSinkBench;
import io.cortexsync.bench.reconcile.ReconcileBench;
import io.cortexsync.bench.surreal.CborDecodeBench;
import io.cortexsync.bench.surreal.SurrealSourceBench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;

/** {@code scripts/bench.sh <name>}: one benchmark per subcommand, results as name=value lines. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        subcommands = {SurrealSourceBench.class, QdrantSinkBench.class, MigrateBench.class, CdcBench.class, DualWriteBench.class, ReconcileBench.class, CborDecodeBench.class, EntityPathBench.class},
        description = "cortex-sync benchmarks; each prints name=value lines ending with its ratio or rate.")
public final class BenchMain implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.err);
    }

    public static void main(String[] args) throws IOException {
        BenchDirs.temporaryFilesOfThisJvmOnly();
        System.exit(new CommandLine(new BenchMain()).execute(args));
    }
}
