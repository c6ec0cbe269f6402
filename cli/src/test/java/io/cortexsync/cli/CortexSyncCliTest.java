package io.cortexsync.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line builds the subcommand a run names, and all of them for help or a typo. */
class CortexSyncCliTest {

    @Test
    void eachSubcommandIsListedUnderTheNameItAnswersTo() {
        CortexSyncCli.SUBCOMMANDS.forEach((name, subcommand) ->
                assertThat(new CommandLine(subcommand.get()).getCommandName()).as("the command listed as '%s'", name).isEqualTo(name));
    }

    @Test
    void aRunBuildsOnlyItsSubcommand() {
        Map<String, CommandLine> built = CortexSyncCli.commandLine(new String[] {"migrate", "--help"}).getSubcommands();
        assertThat(built.keySet()).containsExactly("migrate");
    }

    @Test
    void helpAndUnknownNamesSeeEverySubcommand() {
        for (List<String> args : List.of(List.<String>of(), List.of("--help"), List.of("migrat"))) {
            Map<String, CommandLine> built = CortexSyncCli.commandLine(args.toArray(new String[0])).getSubcommands();
            assertThat(built.keySet()).as("for %s", args).containsExactlyElementsOf(CortexSyncCli.SUBCOMMANDS.keySet());
        }
    }

    @Test
    void aTypoIsAnsweredWithTheNearestCommand() {
        StringWriter err = new StringWriter();
        CommandLine cli = CortexSyncCli.commandLine(new String[] {"migrat"});
        cli.setErr(new PrintWriter(err, true));
        assertThat(cli.execute("migrat")).isEqualTo(2);
        assertThat(err.toString()).contains("Unmatched argument").contains("Did you mean: cortex-sync migrate");
    }
}
