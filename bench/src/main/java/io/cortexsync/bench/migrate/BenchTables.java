package io.cortexsync.bench.migrate;

import io.cortexsync.bench.BenchSurreal;
import io.cortexsync.cli.migrate.MigrateCommand;
import io.cortexsync.cli.migrate.MigrateOptions;

import picocli.CommandLine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The {@code migrate} options of one bench step, as {@code cortex-sync migrate} would parse them. */
public final class BenchTables {

    private BenchTables() {}

    /** The command line of a migration of {@code table} into {@code collection}; {@code work} holds its files. */
    public static List<String> migrateArgs(
            String surrealUrl, String qdrantHost, int qdrantPort, String table, String collection,
            int dim, int parallelism, int batchSize, Path work) {
        List<String> args = new ArrayList<>(List.of(
                "--surreal-url", surrealUrl,
                "--surreal-ns", BenchSurreal.NAMESPACE,
                "--surreal-db", BenchSurreal.DATABASE,
                "--surreal-user", BenchSurreal.USER,
                "--surreal-pass", BenchSurreal.PASSWORD,
                "--qdrant-host", qdrantHost,
                "--qdrant-port", String.valueOf(qdrantPort),
                "--table", table,
                "--collection", collection,
                "--dim", String.valueOf(dim),
                "--parallelism", String.valueOf(parallelism),
                "--batch-size", String.valueOf(batchSize),
                "--checkpoint-dir", work.resolve("checkpoints").toString(),
                "--dead-letter", work.resolve(collection + "-dead-letter.jsonl").toString()));
        return args;
    }

    public static MigrateOptions parse(List<String> args) {
        MigrateCommand command = new MigrateCommand();
        new CommandLine(command).parseArgs(args.toArray(String[]::new));
        MigrateOptions options = command.options();
        options.validate();
        return options;
    }
}
