package io.cortexsync.connector.surrealdb.source.changes;

import io.cortexsync.connector.surrealdb.client.SurrealClient;
import io.cortexsync.connector.surrealdb.client.SurrealRecordId;
import io.cortexsync.connector.surrealdb.client.SurrealTestEngine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a versionstamp is on the engines the project supports. The source reads versionstamps as
 * commit times (the retention check, the lag gauge, the heartbeat search, the time of an entity
 * change): that holds on SurrealDB 3.x only, where the high bits are the commit's millisecond.
 */
@Timeout(180)
class VersionstampsITCase {

    @RegisterExtension
    static final SurrealTestEngine V3 = SurrealTestEngine.start("versionstamps-v3", "versionstamps");

    @RegisterExtension
    static final SurrealTestEngine V2 = SurrealTestEngine.startV2("versionstamps-v2", "versionstamps");

    /** One commit: when the client sent it, when the reply came, and its versionstamp. */
    private record Commit(long sentMillis, long repliedMillis, long versionstamp) {}

    @Test
    void onSurrealDb3AVersionstampIsTheCommitsMillisecond() {
        assertThat(V3.client().version()).startsWith("surrealdb-3.");
        List<Commit> commits = commit(V3.client());
        // the engine runs on this machine: its clock is the test's clock
        for (Commit commit : commits) {
            assertThat(Versionstamps.millisOf(commit.versionstamp()))
                    .as("commit time of %s among %s", commit, commits)
                    .isBetween(commit.sentMillis(), commit.repliedMillis());
            assertThat(Versionstamps.timeOf(commit.versionstamp()))
                    .contains(Instant.ofEpochMilli(Versionstamps.millisOf(commit.versionstamp())));
        }
    }

    @Test
    void onSurrealDb2AVersionstampCountsCommitsAndHoldsNoTime() {
        assertThat(V2.client().version()).startsWith("surrealdb-2.");
        List<Commit> commits = commit(V2.client());
        for (Commit commit : commits) {
            assertThat(commit.versionstamp() & 0xFFFF).as("%s", commits).isZero();
            assertThat(commit.versionstamp() >>> 16).as("a commit counter: %s", commits).isLessThan(1_000_000);
            assertThat(Versionstamps.timeOf(commit.versionstamp())).as("%s", commit).isEmpty();
        }
        for (int i = 1; i < commits.size(); i++) {
            assertThat(commits.get(i).versionstamp()).isGreaterThan(commits.get(i - 1).versionstamp());
        }
    }

    /** Five creates, one transaction each, with their versionstamps from the table's feed. */
    private static List<Commit> commit(SurrealClient client) {
        client.query("DEFINE TABLE IF NOT EXISTS stamped SCHEMALESS CHANGEFEED 1h", Map.of());
        List<long[]> times = new ArrayList<>();
        for (long i = 0; i < 5; i++) {
            long sent = System.currentTimeMillis();
            client.query("CREATE $id SET n = $n", Map.of("id", SurrealRecordId.of("stamped", i), "n", i));
            times.add(new long[] {sent, System.currentTimeMillis()});
        }
        List<Commit> commits = new ArrayList<>();
        for (Object entry : client.query("SHOW CHANGES FOR TABLE stamped SINCE 0 LIMIT 100", Map.of()).get(0).resultList()) {
            FeedEntry feed = FeedParser.entry(entry);
            for (FeedChange change : feed.changes()) {
                if (change.kind() == FeedChange.Kind.UPSERT) {
                    long n = (Long) change.id().key();
                    commits.add(new Commit(times.get((int) n)[0], times.get((int) n)[1], feed.versionstamp()));
                }
            }
        }
        assertThat(commits).as("the five creates in the feed").hasSize(5);
        return commits;
    }
}
