package io.cortexsync.connector.surrealdb.client;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SurrealFailuresTest {

    private static SurrealStatementException failed(String message, String kind) {
        return new SurrealStatementException(0, message, List.of(new StatementResult(0, false, "1ms", message, kind)));
    }

    @Test
    void conflictsAreRecognizedByMessageOrKind() {
        assertThat(SurrealFailures.isTransactionConflict(failed(
                "Failed to commit transaction due to a read or write conflict. This transaction can be retried",
                null))).isTrue();
        assertThat(SurrealFailures.isTransactionConflict(failed(
                "Transaction conflict: Transaction write conflict. This transaction can be retried", null))).isTrue();
        assertThat(SurrealFailures.isTransactionConflict(failed("something", "TransactionConflict"))).isTrue();
        assertThat(SurrealFailures.isTransactionConflict(new SurrealRpcException(
                "query", -32000, "Transaction conflict: Write conflict", null))).isTrue();
    }

    @Test
    void otherFailuresAreNot() {
        assertThat(SurrealFailures.isTransactionConflict(failed("The table 'x' does not exist", "NotFound"))).isFalse();
        assertThat(SurrealFailures.isTransactionConflict(failed("Found 'a' for field `n`, but expected a number", null)))
                .isFalse();
        assertThat(SurrealFailures.isTransactionConflict(new SurrealTransportException("connection refused", null, true)))
                .isFalse();
    }
}
