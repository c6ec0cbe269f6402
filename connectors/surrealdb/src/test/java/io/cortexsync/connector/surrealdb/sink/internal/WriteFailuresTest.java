package io.cortexsync.connector.surrealdb.sink.internal;

import io.cortexsync.connector.surrealdb.client.StatementResult;
import io.cortexsync.connector.surrealdb.client.SurrealRpcException;
import io.cortexsync.connector.surrealdb.client.SurrealStatementException;
import io.cortexsync.connector.surrealdb.client.SurrealTransportException;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WriteFailuresTest {

    private static SurrealStatementException failed(String message, String kind) {
        return new SurrealStatementException(0, message, List.of(new StatementResult(0, false, "1ms", message, kind)));
    }

    @Test
    void conflictsAreRecognizedByMessageOrKind() {
        assertThat(WriteFailures.isTransactionConflict(failed(
                "Failed to commit transaction due to a read or write conflict. This transaction can be retried",
                null))).isTrue();
        assertThat(WriteFailures.isTransactionConflict(failed("something", "TransactionConflict"))).isTrue();
        assertThat(WriteFailures.isTransactionConflict(new SurrealRpcException(
                "query", -32000, "Transaction conflict: Write conflict", null))).isTrue();
    }

    @Test
    void otherFailuresAreNot() {
        assertThat(WriteFailures.isTransactionConflict(failed("The table 'x' does not exist", "NotFound"))).isFalse();
        assertThat(WriteFailures.isTransactionConflict(failed("Found 'a' for field `n`, but expected a number", null)))
                .isFalse();
        assertThat(WriteFailures.isTransactionConflict(new SurrealTransportException("connection refused", null, true)))
                .isFalse();
    }

    @Test
    void aMissingTableIsRecognized() {
        assertThat(WriteFailures.isMissingTable(failed("The table 'nosuch' does not exist", "NotFound"))).isTrue();
        assertThat(WriteFailures.isMissingTable(failed("The record 't:1' already exists", "AlreadyExists"))).isFalse();
    }
}
