package io.cortexsync.testkit.flink;

import org.apache.flink.connector.testframe.external.ExternalSystemDataReader;
import org.apache.flink.connector.testframe.external.sink.DataStreamSinkV2ExternalContext;
import org.apache.flink.connector.testframe.external.sink.TestingSinkSettings;

import java.util.ArrayList;
import java.util.List;

/**
 * A sink suite context over strings: 100 to 299 strings, unique by their index, every seventh
 * ending in characters the store must keep as they are. A subclass builds the sink and a reader
 * of what it stored; the suite does not close its readers, so {@link #close()} does.
 */
public abstract class StringSinkContext extends StringContext implements DataStreamSinkV2ExternalContext<String> {

    private final String oddCharacters;
    private final List<ExternalSystemDataReader<String>> readers = new ArrayList<>();

    /** @param oddCharacters appended to every seventh string */
    protected StringSinkContext(String oddCharacters) {
        this.oddCharacters = oddCharacters;
    }

    /** Reads back what the sink stored. */
    protected abstract ExternalSystemDataReader<String> openReader();

    @Override
    public final ExternalSystemDataReader<String> createSinkDataReader(TestingSinkSettings settings) {
        ExternalSystemDataReader<String> reader = openReader();
        readers.add(reader);
        return reader;
    }

    @Override
    public List<String> generateTestData(TestingSinkSettings settings, long seed) {
        return strings(seed, 100, 200, (i, random) ->
                i + "-" + Long.toString(random.nextLong() & Long.MAX_VALUE, 36) + (i % 7 == 0 ? oddCharacters : ""));
    }

    @Override
    public void close() throws Exception {
        for (ExternalSystemDataReader<String> reader : readers) {
            reader.close();
        }
    }
}
