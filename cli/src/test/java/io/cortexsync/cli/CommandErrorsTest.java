package io.cortexsync.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class CommandErrorsTest {

    @Test
    void aMessageOfSeveralLinesBecomesOneLineAfterTheCommand() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        CommandErrors.print(err, "cortex-sync migrate",
                new IllegalStateException("SurrealDB refused the query:\n   table 'x' does not exist  \r\n\nsee --table"));

        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(
                "cortex-sync migrate: SurrealDB refused the query: table 'x' does not exist see --table" + System.lineSeparator());
    }

    @Test
    void aFailureWithoutMessageIsNamedByItsType() {
        assertThat(CommandErrors.oneLine(new NullPointerException())).isEqualTo("NullPointerException");
        assertThat(CommandErrors.oneLine(new IllegalStateException(" \n "))).isEqualTo("IllegalStateException");
    }

    @Test
    void spacesWithinALineAreKept() {
        assertThat(CommandErrors.oneLine("--dim: must be  at least 1")).isEqualTo("--dim: must be  at least 1");
        assertThat(CommandErrors.oneLine(new InvalidOptionException("--table", "'a b' is not a table name")))
                .isEqualTo("--table: 'a b' is not a table name");
    }
}
