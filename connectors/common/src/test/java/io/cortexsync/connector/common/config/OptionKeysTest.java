package io.cortexsync.connector.common.config;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OptionKeysTest {

    @Test
    void keysInTheFlinkStylePass() {
        for (String key : new String[] {"qdrant.host", "surrealdb.max-retries", "surrealdb.sink.batch-size",
                "qdrant.sink.max-buffered-time", "surrealdb.tls.trust-store.path", "surrealdb.sink.version-guard.enabled"}) {
            assertThat(OptionKeys.violations(key.substring(0, key.indexOf('.')), key)).as(key).isEmpty();
        }
    }

    @Test
    void theOtherDialectFails() {
        assertThat(OptionKeys.violations("surrealdb", "surrealdb.sink.batch.size")).singleElement()
                .asString().contains("'batch-size'");
        assertThat(OptionKeys.violations("surrealdb", "surrealdb.sink.flush-interval")).singleElement()
                .asString().contains("'max-buffered-time'");
        assertThat(OptionKeys.violations("surrealdb", "surrealdb.retry.max-attempts"))
                .anyMatch(v -> v.contains("not a scope")).anyMatch(v -> v.contains("'max-retries'"));
        assertThat(OptionKeys.violations("surrealdb", "surrealdb.request.max-bytes")).anyMatch(v -> v.contains("not a scope"));
        assertThat(OptionKeys.violations("qdrant", "qdrant.timeout")).anyMatch(v -> v.contains("'request-timeout'"));
        assertThat(OptionKeys.violations("qdrant", "qdrant.sink.maxRetries")).anyMatch(v -> v.contains("dashed"));
        assertThat(OptionKeys.violations("qdrant", "surrealdb.url")).anyMatch(v -> v.contains("start with 'qdrant.'"));
        assertThat(OptionKeys.violations("qdrant", "qdrant")).anyMatch(v -> v.contains("parts"));
    }

    @Test
    void findsTheOptionsOfAnOptionsClassAndTheirNames() {
        assertThat(OptionKeys.declaredIn(Holder.class)).extracting(ConfigOption::key)
                .containsExactlyInAnyOrder("test.sink.batch-size", "test.url");
        assertThat(OptionKeys.name("test.sink.batch-size")).isEqualTo("batch-size");
        assertThat(OptionKeys.name("test.url")).isEqualTo("url");
    }

    /** A stand-in for an {@code …Options} class. */
    public static final class Holder {
        public static final ConfigOption<Integer> BATCH_SIZE =
                ConfigOptions.key("test.sink.batch-size").intType().defaultValue(1);
        public static final ConfigOption<String> URL = ConfigOptions.key("test.url").stringType().noDefaultValue();
        static final ConfigOption<String> NOT_PUBLIC = ConfigOptions.key("Bad").stringType().noDefaultValue();
        public final String notAnOption = "x";
    }

    @Test
    void aMissingOptionIsNamedWithItsDescriptionAsText() {
        ConfigOption<String> option = ConfigOptions.key("store.sink.thing").stringType().noDefaultValue()
                .withDescription("What the thing is for.");
        assertThat(OptionKeys.missing(option)).isEqualTo("'store.sink.thing' is required: What the thing is for.");
    }
}
