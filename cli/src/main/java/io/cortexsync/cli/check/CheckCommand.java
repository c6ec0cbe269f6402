package io.cortexsync.cli.check;

import io.cortexsync.cli.CommandErrors;
import io.cortexsync.cli.InvalidOptionException;
import io.cortexsync.cli.options.StoreOptions;
import io.cortexsync.connector.qdrant.admin.QdrantCollectionAdmin;
import io.cortexsync.connector.qdrant.client.QdrantConnection;
import io.cortexsync.connector.surrealdb.client.SurrealClient;
import io.cortexsync.schema.ids.RecordId;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.concurrent.Callable;

/**
 * {@code cortex-sync check --collection C --id 'doc:⟨x⟩'}: whether one entity agrees in both
 * stores, with both content hashes; the original system's {@code verify_entity}.
 */
@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:CONSISTENT: the point holds the record's content hash",
            "1:MISSING_VECTOR, ORPHAN_VECTOR or MISMATCH",
            "2:an option is wrong or a store does not answer",
            "3:NOT_FOUND: neither store has the entity"
        },
        description = {
            "Check one entity in both stores: CONSISTENT, MISSING_VECTOR, ORPHAN_VECTOR, MISMATCH or NOT_FOUND, with both hashes.",
            "The record is converted as the jobs convert it; a record that cannot be synced (no vector, wrong size) counts as absent."
        })
public final class CheckCommand implements Callable<Integer> {

    @Mixin
    StoreOptions stores;

    @Option(names = "--collection", paramLabel = "NAME", required = true, description = "The Qdrant collection the entity's point belongs in.")
    String collection;

    @Option(names = "--id", paramLabel = "RECORD_ID", required = true,
            description = "The canonical record id, e.g. doc:42 or 'doc:⟨hello world⟩' (state-schemas/SCHEMA.md).")
    String id;

    @Option(names = "--table", paramLabel = "TABLE", description = "The table the id must belong to (a check that the id is the intended one).")
    String table;

    @Option(names = "--vector-field", paramLabel = "FIELD", defaultValue = "vector", description = "The record field holding the vector (default: ${DEFAULT-VALUE}).")
    String vectorField;

    @Option(names = "--dim", paramLabel = "N", description = "The vector size a record must have (default: the collection's, else the record's own).")
    Integer dim;

    private final PrintStream out;
    private final PrintStream err;

    public CheckCommand() {
        this(System.out, System.err);
    }

    CheckCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws Exception {
        RecordId recordId;
        try {
            stores.validate();
            recordId = recordId();
            if (dim != null && dim < 1) {
                throw new InvalidOptionException("--dim", "must be at least 1: " + dim);
            }
        } catch (InvalidOptionException e) {
            CommandErrors.print(err, "cortex-sync check", e);
            return 2;
        }
        CheckResult result;
        try (SurrealClient surreal = SurrealClient.create(stores.surrealConnection());
                QdrantConnection qdrant = QdrantConnection.open(stores.qdrantConnection())) {
            int dimension = dim != null ? dim : new QdrantCollectionAdmin(qdrant).vectorSize(collection).orElse(0);
            result = new EntityCheck(surreal, qdrant, collection, vectorField).check(recordId, dimension);
        } catch (RuntimeException e) {
            CommandErrors.print(err, "cortex-sync check", e);
            return 2;
        }
        out.println(result.describe());
        switch (result.outcome()) {
            case CONSISTENT:
                return 0;
            case NOT_FOUND:
                return 3;
            default:
                return 1;
        }
    }

    private RecordId recordId() {
        RecordId parsed;
        try {
            parsed = RecordId.parse(id);
        } catch (IllegalArgumentException e) {
            throw new InvalidOptionException("--id", "'" + id + "' is no canonical record id (table:key; see SCHEMA.md): " + e.getMessage());
        }
        if (table != null && !table.equals(parsed.table())) {
            throw new InvalidOptionException("--table", "'" + table + "' is not the table of --id " + id);
        }
        return parsed;
    }
}
