package io.cortexsync.connector.surrealdb.sink.internal;

import io.cortexsync.connector.surrealdb.client.StatementResult;
import io.cortexsync.connector.surrealdb.client.SurrealAuthenticationException;
import io.cortexsync.connector.surrealdb.client.SurrealRpcException;
import io.cortexsync.connector.surrealdb.client.SurrealStatementException;
import io.cortexsync.connector.surrealdb.client.SurrealTransportException;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WriteFailuresTest {

    private static SurrealStatementException failed(String message, String kind) {
        return new SurrealStatementException(0, message, List.of(new StatementResult(0, false, "1ms", message, kind)));
    }

    @Test
    void aMissingTableIsRecognized() {
        assertThat(WriteFailures.isMissingTable(failed("The table 'nosuch' does not exist", "NotFound"))).isTrue();
        assertThat(WriteFailures.isMissingTable(failed("The record 't:1' already exists", "AlreadyExists"))).isFalse();
    }

    private static SurrealStatementException failedInTransaction(int failedIndex, String message) {
        List<StatementResult> results = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            results.add(i == failedIndex
                    ? new StatementResult(i, false, "1ms", message, "Internal")
                    : new StatementResult(i, false, "0ns", "The query was not executed due to a failed transaction", "Query"));
        }
        return new SurrealStatementException(failedIndex, message, results);
    }

    @Test
    void statementErrorsAboutTheWrittenValueAreRejectedWrites() {
        assertThat(WriteFailures.isRejectedWrite(failedInTransaction(1,
                "Couldn't coerce value for field `n` of `t:b`: Expected `int` but found `'x'`"))).isTrue();
        assertThat(WriteFailures.isRejectedWrite(failedInTransaction(0,
                "Found -1 for field `a`, with record `t:a`, but field must conform to: $value > 0"))).isTrue();
        assertThat(WriteFailures.isRejectedWrite(failedInTransaction(2,
                "Database index `uq` already contains 'dup', with record `u:x0`"))).isTrue();
        assertThat(WriteFailures.isRejectedWrite(failedInTransaction(1,
                "Found field 'zz', but no such field exists for table 't'"))).isTrue();
    }

    @Test
    void errorsAboutAccessTheDatabaseOrTheRequestAreNotRejectedWrites() {
        assertThat(WriteFailures.isRejectedWrite(failedInTransaction(1,
                "IAM error: Not enough permissions to perform this action"))).isFalse();
        assertThat(WriteFailures.isRejectedWrite(failedInTransaction(1, "The namespace 'ns' does not exist"))).isFalse();
        assertThat(WriteFailures.isRejectedWrite(failedInTransaction(1, "The database 'main' does not exist"))).isFalse();
        assertThat(WriteFailures.isRejectedWrite(failedInTransaction(1, "The table 'nosuch' does not exist"))).isFalse();
        assertThat(WriteFailures.isRejectedWrite(failedInTransaction(1,
                "The query was not executed because it exceeded the timeout"))).isFalse();
        assertThat(WriteFailures.isRejectedWrite(failedInTransaction(1,
                "Failed to commit transaction due to a read or write conflict. This transaction can be retried")))
                .isFalse();
        assertThat(WriteFailures.isRejectedWrite(new SurrealRpcException(
                "query", -32002, "Anonymous access not allowed: Not enough permissions to perform this action",
                "NotAllowed"))).isFalse();
        assertThat(WriteFailures.isRejectedWrite(new SurrealAuthenticationException(
                "There was a problem with authentication"))).isFalse();
        assertThat(WriteFailures.isRejectedWrite(new SurrealTransportException("connection refused", null, true)))
                .isFalse();
    }

    @Test
    void anErrorAtBeginOrCommitOrOnlyCancelledStatementsIsNotARejectedWrite() {
        String atCommit = "Database index `uq` already contains 'q' (at COMMIT)";
        assertThat(WriteFailures.isRejectedWrite(new SurrealStatementException(2, atCommit, List.of(
                new StatementResult(0, true, "1ms", List.of(), null),
                new StatementResult(1, true, "1ms", List.of(), null),
                new StatementResult(2, true, "1ms", List.of(), null))))).isFalse();
        String cancelled = "The query was not executed due to a failed transaction";
        assertThat(WriteFailures.isRejectedWrite(failedInTransaction(0, cancelled))).isFalse();
    }
}
