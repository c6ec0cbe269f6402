package io.cortexsync.connector.surrealdb.client;

import io.cortexsync.connector.surrealdb.client.cbor.CborReader;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Statement statuses and transaction results, on replies frozen from the real engine. */
class StatementResultsTest {

    /** {@code CREATE x:1 SET v=1; THROW "boom"; RETURN 2}. */
    private static final String MIXED = "83a466726573756c7481a2626964c88261780161760166737461747573624f4b6474696d656a3432362e333539c2b5736474797065c6f6a5646b696e64665468726f776e66726573756c7477416e206572726f72206f636375727265643a20626f6f6d66737461747573634552526474696d656a3130312e373431c2b5736474797065c6f6a466726573756c740266737461747573624f4b6474696d656931342e343437c2b5736474797065c6f6";
    /** {@code BEGIN; CREATE z:1; CREATE z:2; COMMIT;}: SurrealDB 3 answers for BEGIN and COMMIT too. */
    private static final String COMMITTED = "84a466726573756c74c6f666737461747573624f4b6474696d6563306e736474797065c6f6a466726573756c7481a1626964c882617a0166737461747573624f4b6474696d656a3338362e363135c2b5736474797065c6f6a466726573756c7481a1626964c882617a0266737461747573624f4b6474696d656935342e313832c2b5736474797065c6f6a466726573756c74c6f666737461747573624f4b6474696d656931342e393538c2b5736474797065c6f6";
    /** {@code BEGIN; CREATE y:1; CREATE y:1; COMMIT}: the first CREATE is cancelled by the second. */
    private static final String FAILED = "83a466726573756c74c6f666737461747573624f4b6474696d6563306e736474797065c6f6a66764657461696c73a1646b696e646b4e6f744578656375746564646b696e6465517565727966726573756c74783654686520717565727920776173206e6f742065786563757465642064756520746f2061206661696c6564207472616e73616374696f6e66737461747573634552526474696d65693737382e3237c2b5736474797065c6f6a66764657461696c73a26764657461696c73a162696463793a31646b696e64665265636f7264646b696e646d416c726561647945786973747366726573756c7478244461746162617365207265636f72642060793a316020616c72656164792065786973747366737461747573634552526474696d656a3836332e353339c2b5736474797065c6f6";

    @Test
    void anErrStatementAmongOthersIsReportedWithItsIndex() {
        List<StatementResult> results = StatementResults.parse(decode(MIXED), 0);
        assertThat(results).extracting(StatementResult::ok).containsExactly(true, false, true);
        assertThat(results.get(0).records().get(0).get("id")).isEqualTo(SurrealRecordId.of("x", 1));
        assertThat(results.get(1).errorKind()).isEqualTo("Thrown");

        assertThatThrownBy(() -> StatementResults.checked(results, false))
                .isInstanceOfSatisfying(SurrealStatementException.class, e -> {
                    assertThat(e.statementIndex()).isEqualTo(1);
                    assertThat(e.serverMessage()).isEqualTo("An error occurred: boom");
                    assertThat(e.results()).hasSize(3);
                });
        assertThat(StatementResults.checked(results, true)).isSameAs(results);
    }

    @Test
    void transactionResultsLeaveOutBeginAndCommit() {
        List<StatementResult> results = StatementResults.ofTransaction(decode(COMMITTED), 2, 10, false);
        assertThat(results).extracting(StatementResult::index).containsExactly(10, 11);
        assertThat(results.get(1).records().get(0).get("id")).isEqualTo(SurrealRecordId.of("z", 2));
    }

    @Test
    void aFailedTransactionNamesTheStatementThatFailedNotTheCancelledOnes() {
        assertThatThrownBy(() -> StatementResults.ofTransaction(decode(FAILED), 2, 100, false))
                .isInstanceOfSatisfying(SurrealStatementException.class, e -> {
                    assertThat(e.statementIndex()).isEqualTo(101);
                    assertThat(e.serverMessage()).isEqualTo("Database record `y:1` already exists");
                });
        List<StatementResult> raw = StatementResults.ofTransaction(decode(FAILED), 2, 100, true);
        assertThat(raw).extracting(StatementResult::ok).containsExactly(false, false);
    }

    private static Object decode(String hex) {
        return CborReader.decode(HexFormat.of().parseHex(hex), Set.of());
    }
}
