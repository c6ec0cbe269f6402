package io.cortexsync.connector.surrealdb.sink.internal;

import io.cortexsync.connector.surrealdb.client.StatementResult;
import io.cortexsync.connector.surrealdb.client.SurrealRpcException;
import io.cortexsync.connector.surrealdb.client.SurrealStatementException;
import io.cortexsync.connector.surrealdb.client.SurrealTransportException;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TransactionConflictsTest {

    private static SurrealStatementException failed(String message, String kind) {
        return new SurrealStatementException(0, message, List.of(new StatementResult(0, false, "1ms", message, kind)));
    }

    @Test
    void conflictsAreRecognizedByMessageOrKind() {
        assertThat(TransactionConflicts.isConflict(failed(
                "Failed to commit transaction due to a read or write conflict. This transaction can be retried",
                null))).isTrue();
        assertThat(TransactionConflicts.isConflict(failed("something", "TransactionConflict"))).isTrue();
        assertThat(TransactionConflicts.isConflict(new SurrealRpcException(
                "query", -32000, "Transaction conflict: Write conflict", null))).isTrue();
    }

    @Test
    void otherFailuresAreNot() {
        assertThat(TransactionConflicts.isConflict(failed("The table 'x' does not exist", "NotFound"))).isFalse();
        assertThat(TransactionConflicts.isConflict(failed("Found 'a' for field `n`, but expected a number", null)))
                .isFalse();
        assertThat(TransactionConflicts.isConflict(new SurrealTransportException("connection refused", null, true)))
                .isFalse();
    }
}
