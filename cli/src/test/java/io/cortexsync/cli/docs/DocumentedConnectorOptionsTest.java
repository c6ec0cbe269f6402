package io.cortexsync.cli.docs;

import io.cortexsync.connector.dualwrite.DualWriteOptions;
import io.cortexsync.connector.qdrant.QdrantOptions;
import io.cortexsync.connector.surrealdb.SurrealOptions;
import io.cortexsync.jobs.events.EventOptions;

import org.apache.flink.configuration.ConfigOption;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every configuration key a connector declares is in the options tables of its page, and every key
 * a table lists first is one the connector declares (not a deprecated or a made-up one).
 */
class DocumentedConnectorOptionsTest {

    private static final Pattern KEY_ROW = Pattern.compile("(?m)^\\|\\s*`([a-z][a-z-]*\\.[a-z0-9.-]+)`\\s*\\|");

    static Stream<Arguments> connectors() {
        return Stream.of(
                Arguments.of(SurrealOptions.class, "docs/connectors/surrealdb.md"),
                Arguments.of(QdrantOptions.class, "docs/connectors/qdrant.md"),
                Arguments.of(EventOptions.class, "docs/connectors/kafka-events.md"),
                Arguments.of(DualWriteOptions.class, "docs/connectors/dual-write.md"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("connectors")
    void everyKeyIsDocumentedAndEveryDocumentedKeyExists(Class<?> options, String page) throws Exception {
        Set<String> declared = new TreeSet<>();
        for (Field field : options.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == ConfigOption.class) {
                declared.add(((ConfigOption<?>) field.get(null)).key());
            }
        }
        Set<String> documented = new TreeSet<>();
        List<String> lines = Files.readAllLines(projectDir().resolve(page));
        int start = lines.indexOf("## Options");
        assertThat(start).as("%s has a section '## Options'", page).isNotNegative();
        StringBuilder section = new StringBuilder();
        for (int i = start + 1; i < lines.size() && !lines.get(i).startsWith("## "); i++) {
            section.append(lines.get(i)).append('\n');
        }
        Matcher row = KEY_ROW.matcher(section);
        while (row.find()) {
            documented.add(row.group(1));
        }

        assertThat(declared).as("keys of %s", options.getSimpleName()).isNotEmpty();
        assertThat(declared).as("keys %s declares but %s does not list", options.getSimpleName(), page)
                .isSubsetOf(documented);
        assertThat(documented).as("keys %s lists that %s does not declare", page, options.getSimpleName())
                .isSubsetOf(declared);
    }

    private static Path projectDir() {
        String dir = System.getProperty("cortexsync.project.dir");
        return dir != null ? Path.of(dir) : Path.of("").toAbsolutePath().getParent();
    }
}
