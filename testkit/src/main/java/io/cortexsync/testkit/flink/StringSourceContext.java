package io.cortexsync.testkit.flink;

import org.apache.flink.connector.testframe.external.source.DataStreamSourceExternalContext;
import org.apache.flink.connector.testframe.external.source.TestingSourceSettings;

import java.util.List;

/**
 * A source suite context over strings: each split gets 50 to 149 strings, unique across splits
 * and seeds. A subclass builds the source and writes a split's strings to its store.
 */
public abstract class StringSourceContext extends StringContext implements DataStreamSourceExternalContext<String> {

    @Override
    public List<String> generateTestData(TestingSourceSettings settings, int splitIndex, long seed) {
        return strings(seed, 50, 100, (i, random) -> "split-" + splitIndex + "-" + seed + "-" + i + "-" + random.nextInt());
    }
}
