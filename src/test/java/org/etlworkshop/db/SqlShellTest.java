package org.etlworkshop.db;

import org.etlworkshop.TestDatabase;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The stand-in used by {@code etl psql} on machines without psql. */
class SqlShellTest {

    @Test
    void runsCommandsAndPrintsAlignedResultsLikePsql() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = SqlShell.run(TestDatabase.server().maintenance(), List.of("-c", "select 1 as n, 'ab' as word"),
                new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).lines().map(String::stripTrailing))
                .containsExactly(" n | word", "---+------", " 1 | ab", "(1 row)");
    }

    @Test
    void readsStatementsFromStandardInputAndReportsErrors() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = SqlShell.run(TestDatabase.server().maintenance(), List.of(),
                new ByteArrayInputStream("select 2;\nselect nonsense;\n".getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("(1 row)");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("\nERROR:  column \"nonsense\" does not exist").doesNotContain("ERROR:  ERROR");
    }

    @Test
    void printsEveryResultOfAMultiStatementCommand() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = SqlShell.run(TestDatabase.server().maintenance(), List.of("-c", "select 1 as a; select 2 as b"),
                new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).lines().map(String::strip))
                .containsExactly("a", "---", "1", "(1 row)", "b", "---", "2", "(1 row)");
    }
}
