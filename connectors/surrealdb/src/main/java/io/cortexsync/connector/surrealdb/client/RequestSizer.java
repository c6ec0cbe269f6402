package io.cortexsync.connector.surrealdb.client;

import io.cortexsync.connector.surrealdb.client.cbor.CborWriter;

import org.apache.flink.annotation.Internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits statements into transactions whose encoded requests ({@code BEGIN; ...; COMMIT;} with
 * every value bound as a variable) fit the request size limit, in order. Each value is encoded
 * once; the sizes are computed from those bytes, not estimated.
 */
@Internal
public final class RequestSizer {

    static final String BEGIN = "BEGIN TRANSACTION;\n";
    static final String COMMIT = "COMMIT TRANSACTION;";
    /** {method: "query", params: [text, vars]} without the text and the variables. */
    private static final int ENVELOPE_BYTES = 1 + 7 + 6 + 7 + 1;
    /** The heads of the text and of the variables' map, at most 5 bytes each below 4 GiB. */
    private static final int HEAD_BYTES = 5 + 5;
    private static final int BASE_BYTES = ENVELOPE_BYTES + HEAD_BYTES + BEGIN.length() + COMMIT.length();

    private final int maxRequestBytes;

    public RequestSizer(int maxRequestBytes) {
        if (maxRequestBytes <= BASE_BYTES) {
            throw new IllegalArgumentException("maxRequestBytes(" + maxRequestBytes + ") is too small");
        }
        this.maxRequestBytes = maxRequestBytes;
    }

    public int maxRequestBytes() {
        return maxRequestBytes;
    }

    /**
     * The statements in as few consecutive batches as fit the limit.
     *
     * @throws SurrealRequestTooLargeException naming the first statement that does not fit a
     *     request even alone
     */
    public List<StatementBatch> split(List<Statement> statements) {
        List<StatementBatch> batches = new ArrayList<>();
        List<EncodedStatement> current = new ArrayList<>();
        CborWriter scratch = new CborWriter(4096);
        long used = BASE_BYTES;
        int variables = 0;
        int first = 0;
        for (int i = 0; i < statements.size(); i++) {
            EncodedStatement encoded = new EncodedStatement(statements.get(i), scratch);
            long bytes = encoded.encodedBytes(variables);
            if (used + bytes > maxRequestBytes && !current.isEmpty()) {
                batches.add(batch(current, first));
                current = new ArrayList<>();
                used = BASE_BYTES;
                variables = 0;
                first = i;
                bytes = encoded.encodedBytes(0);
            }
            if (used + bytes > maxRequestBytes) {
                throw SurrealRequestTooLargeException.statement(
                        i, encoded.statement.label(), used + bytes, maxRequestBytes);
            }
            current.add(encoded);
            used += bytes;
            variables += encoded.values.length;
        }
        if (!current.isEmpty()) {
            batches.add(batch(current, first));
        }
        return batches;
    }

    /**
     * All statements as one transaction.
     *
     * @throws SurrealRequestTooLargeException when they do not fit one request
     */
    public StatementBatch single(List<Statement> statements) {
        if (statements.isEmpty()) {
            throw new IllegalArgumentException("a transaction needs at least one statement");
        }
        List<StatementBatch> batches = split(statements);
        if (batches.size() > 1) {
            long total = batches.stream().mapToLong(StatementBatch::requestBytes).sum();
            throw SurrealRequestTooLargeException.request(total, maxRequestBytes,
                    " (" + statements.size() + " statements in one transaction; split them or use queryBatch)");
        }
        return batches.get(0);
    }

    private StatementBatch batch(List<EncodedStatement> statements, int firstIndex) {
        StringBuilder sql = new StringBuilder(BEGIN);
        int variables = 0;
        List<Statement> plain = new ArrayList<>(statements.size());
        for (EncodedStatement encoded : statements) {
            sql.append(encoded.statement.render(variables)).append(EncodedStatement.SEPARATOR);
            variables += encoded.values.length;
            plain.add(encoded.statement);
        }
        sql.append(COMMIT);
        CborWriter out = new CborWriter(sql.length() * 2 + 64);
        out.writeMapHeader(2);
        out.writeText("method");
        out.writeText("query");
        out.writeText("params");
        out.writeArrayHeader(2);
        out.writeText(sql.toString());
        out.writeMapHeader(variables);
        int variable = 0;
        for (EncodedStatement encoded : statements) {
            for (byte[] value : encoded.values) {
                out.writeText(Statement.variableName(variable++));
                out.writeRaw(value);
            }
        }
        byte[] body = out.toByteArray();
        if (body.length > maxRequestBytes) {
            throw new IllegalStateException("a batch came out at " + body.length + " bytes, over " + maxRequestBytes);
        }
        return new StatementBatch(plain, firstIndex, body);
    }
}
