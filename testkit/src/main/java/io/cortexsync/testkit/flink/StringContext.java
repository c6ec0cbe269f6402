package io.cortexsync.testkit.flink;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.connector.testframe.external.ExternalContext;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;

/** A suite context whose records are strings, for a connector the suite runs in this JVM. */
abstract class StringContext implements ExternalContext, ResultTypeQueryable<String> {

    /**
     * {@code min} to {@code min + spread - 1} strings (as many as the seed says), each made by
     * {@code string} from its index and the seed's random numbers.
     */
    static List<String> strings(long seed, int min, int spread, BiFunction<Integer, Random, String> string) {
        Random random = new Random(seed);
        int count = min + random.nextInt(spread);
        List<String> strings = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            strings.add(string.apply(i, random));
        }
        return strings;
    }

    @Override
    public TypeInformation<String> getProducedType() {
        return Types.STRING;
    }

    /** None: the connector is on the test's own classpath. */
    @Override
    public List<URL> getConnectorJarPaths() {
        return List.of();
    }
}
