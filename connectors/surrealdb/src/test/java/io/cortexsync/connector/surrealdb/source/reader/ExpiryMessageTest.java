package io.cortexsync.connector.surrealdb.source.reader;

import io.cortexsync.connector.surrealdb.SurrealOptions;
import io.cortexsync.connector.surrealdb.source.SurrealSourceBuilder;

import org.apache.flink.configuration.ConfigOption;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The message of an expired position tells the user what to change, in names that exist. */
class ExpiryMessageTest {

    private static final String MESSAGE = StreamReader.expiryMessage(
            7_000_000_000_000_000L, Duration.ofHours(1), "docs", Duration.ofMinutes(1));

    @Test
    void namesOnlySettersTheBuilderHas() {
        Set<String> setters = new HashSet<>();
        for (Method method : SurrealSourceBuilder.class.getMethods()) {
            setters.add(method.getName());
        }
        List<String> named = new ArrayList<>();
        Matcher call = Pattern.compile("\\b([a-z]\\w*)\\(").matcher(MESSAGE);
        while (call.find()) {
            named.add(call.group(1));
        }
        assertThat(named).as(MESSAGE).isNotEmpty();
        assertThat(setters).as(MESSAGE).containsAll(named);
        assertThat(MESSAGE).contains("setExpiredPositionPolicy(ExpiredPositionPolicy.RESNAPSHOT)");
    }

    @Test
    void namesTheOptionKey() throws IllegalAccessException {
        Set<String> keys = new HashSet<>();
        for (Field field : SurrealOptions.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.get(null) instanceof ConfigOption) {
                keys.add(((ConfigOption<?>) field.get(null)).key());
            }
        }
        Matcher key = Pattern.compile("\\bsurrealdb\\.[a-z.-]*[a-z]").matcher(MESSAGE);
        assertThat(key.find()).as(MESSAGE).isTrue();
        assertThat(keys).contains(key.group());
        assertThat(key.group()).isEqualTo(SurrealOptions.SOURCE_EXPIRED_POSITION.key());
    }
}
