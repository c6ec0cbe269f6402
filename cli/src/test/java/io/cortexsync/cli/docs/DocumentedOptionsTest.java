package io.cortexsync.cli.docs;

import io.cortexsync.cli.cdc.CdcCommand;
import io.cortexsync.cli.cluster.StatusCommand;
import io.cortexsync.cli.cluster.StopCommand;
import io.cortexsync.cli.cluster.SubmitCdcCommand;
import io.cortexsync.cli.cluster.SubmitDualWriteCommand;
import io.cortexsync.cli.cluster.SubmitMigrateCommand;
import io.cortexsync.cli.cluster.SubmitReconcileCommand;
import io.cortexsync.cli.demo.DemoDataCommand;
import io.cortexsync.cli.dualwrite.DualWriteCommand;
import io.cortexsync.cli.migrate.MigrateCommand;
import io.cortexsync.cli.reconcile.ReconcileCommand;
import io.cortexsync.cli.options.ConfigKeys;
import io.cortexsync.cli.options.KafkaOptions;
import io.cortexsync.testkit.EmbeddedCommand;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every option a command accepts is in the options table of its page under {@code docs/}, and every
 * option a table lists is accepted: the pages cannot drift from the command line unnoticed.
 */
class DocumentedOptionsTest {

    /** A table row naming an option: {@code | `--name` | ...}. */
    private static final Pattern OPTION_ROW = Pattern.compile("(?m)^\\|\\s*`(--[a-z0-9-]+)`\\s*\\|");

    private static final Set<String> STANDARD = Set.of("--help", "--version");

    /** The Kafka options as the streaming jobs' commands will carry them, documented on their own page. */
    @Command(name = "kafka options")
    static final class KafkaOptionsCommand {
        @Mixin
        KafkaOptions kafka;
    }

    static Stream<Arguments> commands() {
        return Stream.of(
                Arguments.of("migrate", new MigrateCommand(), "docs/jobs/migrate.md", "## Options", Set.of()),
                // submit migrate takes every migrate option too; its section lists what it adds
                Arguments.of("submit migrate", new SubmitMigrateCommand(), "docs/jobs/migrate.md",
                        "## Options of submit migrate", options(new MigrateCommand())),
                Arguments.of("cdc", new CdcCommand(), "docs/jobs/cdc.md", "## Options", Set.of()),
                Arguments.of("submit cdc", new SubmitCdcCommand(), "docs/jobs/cdc.md", "## Options of submit cdc",
                        options(new CdcCommand())),
                Arguments.of("dual-write", new DualWriteCommand(), "docs/jobs/dual-write.md", "## Options", Set.of()),
                Arguments.of("submit dual-write", new SubmitDualWriteCommand(), "docs/jobs/dual-write.md",
                        "## Options of submit dual-write", options(new DualWriteCommand())),
                Arguments.of("reconcile", new ReconcileCommand(), "docs/jobs/reconcile.md", "## Options", Set.of()),
                Arguments.of("submit reconcile", new SubmitReconcileCommand(), "docs/jobs/reconcile.md",
                        "## Options of submit reconcile", options(new ReconcileCommand())),
                Arguments.of("stop", new StopCommand(), "docs/operations.md", "### Options of stop", Set.of()),
                Arguments.of("status", new StatusCommand(), "docs/operations.md", "### Options of status", Set.of()),
                Arguments.of("demo-data", new DemoDataCommand(), "docs/jobs/demo-data.md", "## `cortex-sync demo-data`", Set.of()),
                Arguments.of("embedded", new EmbeddedCommand(), "docs/jobs/embedded.md", "## Options", Set.of()),
                Arguments.of("kafka options", new KafkaOptionsCommand(), "docs/connectors/kafka-events.md", "## Options", Set.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void everyOptionIsDocumentedAndEveryDocumentedOptionIsAccepted(String name, Object command, String page,
            String heading, Set<String> documentedElsewhere) throws IOException {
        Set<String> accepted = options(command);
        accepted.removeAll(documentedElsewhere);
        Set<String> documented = documentedOptions(projectDir().resolve(page), heading);

        assertThat(documented).as("options of '%s' in %s under '%s'", name, page, heading).isNotEmpty();
        assertThat(new TreeSet<>(accepted)).as("options '%s' accepts but %s does not list", name, page)
                .isSubsetOf(documented);
        assertThat(documented).as("options %s lists that '%s' does not accept", page, name).isSubsetOf(accepted);
    }

    @Test
    void everyConfigurationKeyOfAnOptionIsDocumented() throws IOException {
        Map<Object, String> pages = Map.of(
                new MigrateCommand(), "docs/jobs/migrate.md",
                new CdcCommand(), "docs/jobs/cdc.md",
                new DualWriteCommand(), "docs/jobs/dual-write.md",
                new ReconcileCommand(), "docs/jobs/reconcile.md",
                new KafkaOptionsCommand(), "docs/connectors/kafka-events.md");
        Set<String> covered = new TreeSet<>();
        for (Map.Entry<Object, String> command : pages.entrySet()) {
            String page = Files.readString(projectDir().resolve(command.getValue()));
            for (String option : options(command.getKey())) {
                String name = option.substring(2);
                ConfigKeys.keyOf(name).ifPresent(key -> {
                    assertThat(page).as("%s maps --%s to %s", command.getValue(), name, key)
                            .contains("| `--" + name + "` | `" + key + "` |");
                    covered.add(name);
                });
            }
        }
        assertThat(covered).as("options with a configuration key that no page's command has")
                .containsAll(ConfigKeys.all().keySet());
    }

    /** The long names of a command's options, without picocli's --help and --version. */
    private static Set<String> options(Object command) {
        CommandSpec spec = new CommandLine(command).getCommandSpec();
        Set<String> names = new TreeSet<>();
        for (OptionSpec option : spec.options()) {
            String longest = option.longestName();
            if (!STANDARD.contains(longest)) {
                names.add(longest);
            }
        }
        return names;
    }

    /** The options the tables of one section of {@code page} list (from {@code heading} to the next {@code ## }). */
    static Set<String> documentedOptions(Path page, String heading) throws IOException {
        List<String> lines = Files.readAllLines(page);
        int start = lines.indexOf(heading);
        assertThat(start).as("%s has a section '%s'", page, heading).isNotNegative();
        StringBuilder section = new StringBuilder();
        for (int i = start + 1; i < lines.size() && !lines.get(i).startsWith("## "); i++) {
            section.append(lines.get(i)).append('\n');
        }
        Set<String> options = new TreeSet<>();
        Matcher row = OPTION_ROW.matcher(section);
        while (row.find()) {
            options.add(row.group(1));
        }
        return options;
    }

    private static Path projectDir() {
        String dir = System.getProperty("cortexsync.project.dir");
        return dir != null ? Path.of(dir) : Path.of("").toAbsolutePath().getParent();
    }

}
