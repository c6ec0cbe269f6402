package io.cortexsync.jobs.migrate;

import io.cortexsync.connector.qdrant.client.QdrantConnectionConfig;
import io.cortexsync.connector.surrealdb.client.SurrealConnectionConfig;
import io.cortexsync.jobs.cli.DistanceConverter;
import io.cortexsync.jobs.cli.DurationConverter;
import picocli.CommandLine.Option;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Every option of a migration, shared by {@code migrate} (local) and {@code submit migrate}
 * (cluster) as a picocli mixin. {@code --config FILE} supplies the same keys from YAML (see {@link
 * io.cortexsync.jobs.cli.ConfigFileDefaults}); flags override it. {@link #validate()} names the
 * option at fault; {@link #toArgs()} renders the options as a command line for a cluster.
 */
public final class MigrateOptions {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern COLLECTION_NAME = Pattern.compile("[A-Za-z0-9_.\\-]{1,255}");

    @Option(names = "--config", paramLabel = "FILE", description = "YAML file with any of these options, keyed by their long names without '--' (e.g. 'surreal-url: http://...', 'table: [a, b]'); flags given on the command line override it.")
    Path config;

    @Option(names = "--surreal-url", paramLabel = "URL", defaultValue = "http://127.0.0.1:8000", description = "SurrealDB base URL, http://host:8000 or https://... (default: ${DEFAULT-VALUE}).")
    String surrealUrl;

    @Option(names = "--surreal-ns", paramLabel = "NS", description = "SurrealDB namespace (required).")
    String surrealNs;

    @Option(names = "--surreal-db", paramLabel = "DB", description = "SurrealDB database (required).")
    String surrealDb;

    @Option(names = "--surreal-user", paramLabel = "USER", description = "SurrealDB user (Basic authentication); none: anonymous.")
    String surrealUser;

    @Option(names = "--surreal-pass", paramLabel = "PASS", arity = "1", description = "SurrealDB password; never printed.")
    String surrealPass;

    @Option(names = "--qdrant-host", paramLabel = "HOST", defaultValue = "127.0.0.1", description = "Qdrant host (default: ${DEFAULT-VALUE}).")
    String qdrantHost;

    @Option(names = "--qdrant-port", paramLabel = "PORT", defaultValue = "6334", description = "Qdrant gRPC port (default: ${DEFAULT-VALUE}).")
    int qdrantPort;

    @Option(names = "--qdrant-api-key", paramLabel = "KEY", arity = "1", description = "Qdrant API key; never printed.")
    String qdrantApiKey;

    @Option(names = "--qdrant-tls", negatable = true, defaultValue = "false", fallbackValue = "true", description = "Connect to Qdrant over TLS (default: ${DEFAULT-VALUE}).")
    boolean qdrantTls;

    @Option(names = "--table", paramLabel = "TABLE", split = ",", description = "SurrealDB table to migrate (required; repeat it or separate with commas for several).")
    List<String> tables = new ArrayList<>();

    @Option(names = "--collection", paramLabel = "NAME", description = "Qdrant collection to write (required); created when missing.")
    String collection;

    @Option(names = "--vector-field", paramLabel = "FIELD", defaultValue = "vector", description = "Record field holding the vector (default: ${DEFAULT-VALUE}).")
    String vectorField;

    @Option(names = "--dim", paramLabel = "N", defaultValue = "0", description = "Vector dimension; records of another dimension are dead-lettered (default: that of the first records, the most common length among the first 50).")
    int dim;

    @Option(names = "--distance", paramLabel = "DISTANCE", defaultValue = "cosine", converter = DistanceConverter.class, description = "Distance of a new collection: cosine, dot, euclid or manhattan (default: ${DEFAULT-VALUE}).")
    VectorDistance distance;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "1024", description = "Points per Qdrant upsert request, at most: the sink starts there and lowers it while Qdrant answers slowly (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--parallelism", paramLabel = "N", defaultValue = "2", description = "Parallel readers and writers (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--checkpoint-dir", paramLabel = "DIR", defaultValue = "checkpoints", description = "Directory or file system URI of the checkpoints; each migration keeps its own subdirectory (default: ${DEFAULT-VALUE}).")
    String checkpointDir;

    @Option(names = "--checkpoint-interval", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class, description = "Time between checkpoints, e.g. 10s, 1min (default: ${DEFAULT-VALUE}).")
    Duration checkpointInterval;

    @Option(names = "--resume", negatable = true, defaultValue = "false", fallbackValue = "true", description = "Continue from the latest retained checkpoint of this migration in the checkpoint directory.")
    boolean resume;

    @Option(names = "--dry-run", negatable = true, defaultValue = "false", fallbackValue = "true", description = "Read, convert and validate every record; write nothing to Qdrant; report what would be written and what would be dead-lettered.")
    boolean dryRun;

    @Option(names = "--verify", negatable = true, defaultValue = "false", fallbackValue = "true", description = "After the load, check every migrated record in Qdrant: present, with _content_hash equal to the hash of the source record.")
    boolean verify;

    @Option(names = "--report", paramLabel = "FILE", description = "Also write the report (JSON) to this file.")
    Path report;

    @Option(names = "--dead-letter", paramLabel = "FILE", defaultValue = "dead-letter.jsonl", description = "Records that could not be migrated, as JSON lines with record id, raw record and reason (default: ${DEFAULT-VALUE}).")
    Path deadLetter;

    @Option(names = "--web-ui", negatable = true, defaultValue = "false", fallbackValue = "true", description = "Local runs: serve the Flink dashboard on port 8081 while the job runs.")
    boolean webUi;

    /** Fails with a message naming the option when the options cannot make a migration. */
    public void validate() {
        require(surrealUrl, "--surreal-url");
        URI url;
        try {
            url = URI.create(surrealUrl);
        } catch (IllegalArgumentException e) {
            throw new InvalidOptionException("--surreal-url", "'" + surrealUrl + "' is not a URL");
        }
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme()) || url.getHost() == null) {
            throw new InvalidOptionException("--surreal-url", "'" + surrealUrl + "' is not an http:// or https:// URL");
        }
        require(surrealNs, "--surreal-ns");
        require(surrealDb, "--surreal-db");
        if ((surrealUser == null) != (surrealPass == null)) {
            throw new InvalidOptionException(surrealUser == null ? "--surreal-user" : "--surreal-pass",
                    "--surreal-user and --surreal-pass go together");
        }
        require(qdrantHost, "--qdrant-host");
        if (qdrantPort < 1 || qdrantPort > 65535) {
            throw new InvalidOptionException("--qdrant-port", qdrantPort + " is no TCP port");
        }
        if (tables.isEmpty()) {
            throw new InvalidOptionException("--table", "name at least one table to migrate");
        }
        for (String table : tables) {
            if (!IDENTIFIER.matcher(table).matches()) {
                throw new InvalidOptionException("--table", "'" + table + "' is not a table name (letters, digits, _)");
            }
        }
        require(collection, "--collection");
        if (!COLLECTION_NAME.matcher(collection).matches()) {
            throw new InvalidOptionException("--collection", "'" + collection + "' is not a collection name (letters, digits, _ . -)");
        }
        require(vectorField, "--vector-field");
        if (!IDENTIFIER.matcher(vectorField).matches()) {
            throw new InvalidOptionException("--vector-field", "'" + vectorField + "' is not a field name");
        }
        if (dim < 0 || dim > 65536) {
            throw new InvalidOptionException("--dim", dim + " is out of range (1..65536, or 0 for the first record's)");
        }
        if (batchSize < 1 || batchSize > 100_000) {
            throw new InvalidOptionException("--batch-size", batchSize + " is out of range (1..100000)");
        }
        if (parallelism < 1 || parallelism > 1024) {
            throw new InvalidOptionException("--parallelism", parallelism + " is out of range (1..1024)");
        }
        require(checkpointDir, "--checkpoint-dir");
        if (checkpointInterval.compareTo(Duration.ofMillis(100)) < 0) {
            throw new InvalidOptionException("--checkpoint-interval", "at least 100ms, got " + DurationConverter.format(checkpointInterval));
        }
        if (resume && dryRun) {
            throw new InvalidOptionException("--resume", "a dry run writes no checkpoints to resume from; drop --resume or --dry-run");
        }
        if (deadLetter == null) {
            throw new InvalidOptionException("--dead-letter", "name a file");
        }
    }

    private static void require(String value, String option) {
        if (value == null || value.isBlank()) {
            throw new InvalidOptionException(option, "required");
        }
    }

    /**
     * The id of this migration: the same source tables and target collection give the same id,
     * so {@code --resume} finds the checkpoints of an earlier run.
     */
    public String migrationId() {
        String identity = surrealUrl.replaceAll("/+$", "") + "|" + surrealNs + "|" + surrealDb + "|"
                + String.join(",", new TreeSet<>(tables)) + "|" + collection;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return collection.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "_") + "-"
                    + HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The checkpoint directory as a URI: a plain path becomes an absolute {@code file:} URI,
     * resolved where the options are parsed (the client), so a cluster writes where it was told.
     */
    public String checkpointBaseUri() {
        if (checkpointDir.matches("^[A-Za-z][A-Za-z0-9+.-]*://.*")) {
            return checkpointDir.replaceAll("/+$", "");
        }
        return Path.of(checkpointDir).toAbsolutePath().normalize().toUri().toString().replaceAll("/+$", "");
    }

    /** Where the checkpoints of this migration go: {@code <checkpoint-dir>/<migration-id>}. */
    public String checkpointUri() {
        return checkpointBaseUri() + "/" + migrationId();
    }

    public SurrealConnectionConfig surrealConnection() {
        SurrealConnectionConfig.Builder builder = SurrealConnectionConfig.builder()
                .url(surrealUrl).namespace(surrealNs).database(surrealDb);
        if (surrealUser != null) {
            builder.basicAuth(surrealUser, surrealPass);
        }
        return builder.build();
    }

    public QdrantConnectionConfig qdrantConnection() {
        return QdrantConnectionConfig.builder()
                .host(qdrantHost).port(qdrantPort).apiKey(qdrantApiKey).tls(qdrantTls).build();
    }

    /**
     * The options as a command line that parses back to equal options, without {@code --config}
     * (its values are rendered) and with paths made absolute: the arguments of the job on a cluster.
     */
    public List<String> toArgs() {
        List<String> args = new ArrayList<>();
        add(args, "--surreal-url", surrealUrl);
        add(args, "--surreal-ns", surrealNs);
        add(args, "--surreal-db", surrealDb);
        add(args, "--surreal-user", surrealUser);
        add(args, "--surreal-pass", surrealPass);
        add(args, "--qdrant-host", qdrantHost);
        add(args, "--qdrant-port", String.valueOf(qdrantPort));
        add(args, "--qdrant-api-key", qdrantApiKey);
        args.add(qdrantTls ? "--qdrant-tls" : "--no-qdrant-tls");
        for (String table : tables) {
            add(args, "--table", table);
        }
        add(args, "--collection", collection);
        add(args, "--vector-field", vectorField);
        add(args, "--dim", String.valueOf(dim));
        add(args, "--distance", distance.optionValue());
        add(args, "--batch-size", String.valueOf(batchSize));
        add(args, "--parallelism", String.valueOf(parallelism));
        add(args, "--checkpoint-dir", checkpointBaseUri());
        add(args, "--checkpoint-interval", DurationConverter.format(checkpointInterval));
        args.add(resume ? "--resume" : "--no-resume");
        args.add(dryRun ? "--dry-run" : "--no-dry-run");
        args.add(verify ? "--verify" : "--no-verify");
        if (report != null) {
            add(args, "--report", report.toAbsolutePath().toString());
        }
        add(args, "--dead-letter", deadLetter.toAbsolutePath().toString());
        args.add(webUi ? "--web-ui" : "--no-web-ui");
        return args;
    }

    private static void add(List<String> args, String option, String value) {
        if (value != null) {
            args.add(option);
            args.add(value);
        }
    }

    public String surrealUrl() {
        return surrealUrl;
    }

    public String surrealNs() {
        return surrealNs;
    }

    public String surrealDb() {
        return surrealDb;
    }

    public String surrealUser() {
        return surrealUser;
    }

    public String qdrantHost() {
        return qdrantHost;
    }

    public int qdrantPort() {
        return qdrantPort;
    }

    public boolean qdrantTls() {
        return qdrantTls;
    }

    public List<String> tables() {
        return List.copyOf(tables);
    }

    public String collection() {
        return collection;
    }

    public String vectorField() {
        return vectorField;
    }

    /**
     * Fixes the dimension found by the preflight when none was configured, so that {@link
     * #toArgs()} hands the job on a cluster the same dimension the client checked.
     */
    public MigrateOptions withResolvedDimension(int dimension) {
        if (dim == 0) {
            dim = dimension;
        }
        return this;
    }

    /** The configured dimension, 0 when it comes from the first record. */
    public int dim() {
        return dim;
    }

    public VectorDistance distance() {
        return distance;
    }

    public int batchSize() {
        return batchSize;
    }

    public int parallelism() {
        return parallelism;
    }

    public String checkpointDir() {
        return checkpointDir;
    }

    public Duration checkpointInterval() {
        return checkpointInterval;
    }

    public boolean resume() {
        return resume;
    }

    public boolean dryRun() {
        return dryRun;
    }

    public boolean verify() {
        return verify;
    }

    /** The report file, if one was asked for. */
    public Path report() {
        return report;
    }

    public Path deadLetter() {
        return deadLetter;
    }

    /** Where the job's subtasks write their dead-letter part files before the client merges them. */
    public Path deadLetterParts() {
        Path file = deadLetter.toAbsolutePath();
        return file.resolveSibling(file.getFileName() + ".parts");
    }

    public boolean webUi() {
        return webUi;
    }

    /** Options that differ only in what they say. */
    @Override
    public String toString() {
        return "migration " + migrationId() + ": " + String.join(",", tables) + " at " + surrealUrl + " ("
                + surrealNs + "/" + surrealDb + ") -> collection " + collection + " at " + qdrantHost + ":" + qdrantPort;
    }
}
