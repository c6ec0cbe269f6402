package io.cortexsync.connector.surrealdb.client;

import io.cortexsync.connector.surrealdb.client.cbor.CborReader;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestSizerTest {

    @Test
    void batchesFitTheLimitKeepTheOrderAndBindEveryValue() {
        List<Statement> statements = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            statements.add(Statement.upsert(SurrealRecordId.of("doc", "k" + i), Map.of("v", new float[768], "n", i)));
        }
        RequestSizer sizer = new RequestSizer(SurrealConnectionConfig.DEFAULT_MAX_REQUEST_BYTES);
        List<StatementBatch> batches = sizer.split(statements);

        assertThat(batches.size()).isGreaterThan(1);
        int next = 0;
        for (StatementBatch batch : batches) {
            assertThat(batch.requestBytes()).isLessThanOrEqualTo(4 << 20).isEqualTo(batch.body().length);
            assertThat(batch.firstIndex()).isEqualTo(next);
            next += batch.statements().size();

            Map<?, ?> request = (Map<?, ?>) CborReader.decode(batch.body());
            List<?> params = (List<?>) request.get("params");
            String sql = (String) params.get(0);
            Map<?, ?> vars = (Map<?, ?>) params.get(1);
            assertThat(sql).startsWith("BEGIN TRANSACTION;\nUPSERT $v0 CONTENT $v1 RETURN NONE;\n").endsWith("COMMIT TRANSACTION;");
            assertThat(sql).doesNotContain("doc:", "k" + batch.firstIndex());
            assertThat(vars).hasSize(2 * batch.statements().size());
            assertThat(vars.get("v0")).isEqualTo(SurrealRecordId.of("doc", "k" + batch.firstIndex()));
        }
        assertThat(next).isEqualTo(3000);
        // tightly packed: adding the next statement would not have fitted
        assertThat(batches.get(0).requestBytes()).isGreaterThan((4 << 20) - 4000);
    }

    @Test
    void aStatementTooLargeAloneIsNamed() {
        RequestSizer sizer = new RequestSizer(64 * 1024);
        List<Statement> statements = List.of(
                Statement.upsert(SurrealRecordId.of("doc", "small"), Map.of("v", 1)),
                Statement.upsert(SurrealRecordId.of("doc", "huge one"), Map.of("v", new float[30_000])));
        assertThatThrownBy(() -> sizer.split(statements))
                .isInstanceOfSatisfying(SurrealRequestTooLargeException.class, e -> {
                    assertThat(e.statementIndex()).isEqualTo(1);
                    assertThat(e.statementLabel()).isEqualTo("doc:⟨huge one⟩");
                    assertThat(e.limitBytes()).isEqualTo(64 * 1024);
                    assertThat(e.getMessage()).contains("statement 1 (doc:⟨huge one⟩)");
                });
    }

    @Test
    void aSingleTransactionThatDoesNotFitIsRefused() {
        RequestSizer sizer = new RequestSizer(16 * 1024);
        List<Statement> statements = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            statements.add(Statement.upsert(SurrealRecordId.of("doc", i), Map.of("v", new float[500])));
        }
        assertThatThrownBy(() -> sizer.single(statements))
                .isInstanceOf(SurrealRequestTooLargeException.class)
                .hasMessageContaining("20 statements in one transaction");
        assertThat(sizer.single(statements.subList(0, 2)).statements()).hasSize(2);
    }
}
