package org.etlworkshop.cli;

import org.etlworkshop.TestDatabase;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line as a user meets it: exit codes 0/1/2, one-line errors, no stack traces. */
class EtlCommandTest {
    private static final String DATA_DIR = "target/cli-etl";

    record Outcome(int exitCode, String out, String err) {
    }

    private static Outcome etl(String... args) {
        PrintStream originalOut = System.out, originalErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = EtlCommand.execute(args);
            return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
    }

    @Test
    void noCommandPrintsUsageAndExitsWithTwo() {
        Outcome outcome = etl();
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).contains("Usage: etl", "generate", "process", "psql", "clean");
    }

    @Test
    void helpWorksOnEveryCommand() {
        for (String command : new String[]{"generate", "process", "list", "psql", "clean"}) {
            Outcome outcome = etl(command, "--help");
            assertThat(outcome.exitCode()).as(command).isZero();
            assertThat(outcome.out()).as(command).contains("Usage: etl " + command);
        }
    }

    @Test
    void unknownNamesAreUsageErrorsThatListTheValidChoices() {
        Outcome scenario = etl("generate", "nope", "--data-dir", DATA_DIR);
        assertThat(scenario.exitCode()).isEqualTo(2);
        assertThat(scenario.err()).contains("unknown scenario 'nope'; valid: empty, small, medium").doesNotContain("Exception");

        Outcome processor = etl("process", "small", "nope", "--data-dir", DATA_DIR);
        assertThat(processor.exitCode()).isEqualTo(2);
        assertThat(processor.err()).contains("unknown processor 'nope'; valid: naive, naive-all").doesNotContain("Exception");

        Outcome loader = etl("process", "small", "chunked", "--loader", "bogus", "--data-dir", DATA_DIR);
        assertThat(loader.exitCode()).isEqualTo(2);
        assertThat(loader.err()).contains("unknown loader 'bogus'; valid: naive, flush-per-entity, chunked, stateless, copy");

        Outcome size = etl("process", "small", "chunked", "--chunk-size", "0", "--data-dir", DATA_DIR);
        assertThat(size.exitCode()).isEqualTo(2);
        assertThat(size.err()).contains("--chunk-size must be at least 1");

        Outcome option = etl("process", "small", "chunked", "--fetch", "sideways");
        assertThat(option.exitCode()).isEqualTo(2);
        assertThat(option.err()).contains("sideways").contains("LAZY, JOIN, PROJECTION");
    }

    @Test
    void anUnreachableServerIsARuntimeFailureInOneLine() {
        Outcome outcome = etl("generate", "small", "--url", "jdbc:postgresql://127.0.0.1:1/postgres");
        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.err()).contains("etl: cannot connect to postgres@127.0.0.1:1/postgres: Connection refused")
                .doesNotContain("\tat ");
        assertThat(etl("generate", "small", "--url", "postgres://nowhere").exitCode()).isEqualTo(2);
    }

    @Test
    void aBusyDataDirectoryStopsTheSecondCommandWithAClearMessage() {
        TestDatabase.server(); // holds target/test-etl
        Outcome outcome = etl("generate", "small", "--data-dir", TestDatabase.DATA_DIR.toString());
        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.err()).contains("another etl command is using");
    }

    @Test
    void processPrintsItsSummaryAndTheDurabilityInForce() {
        Outcome outcome = etl("process", "small", "chunked-stateless", "--data-dir", DATA_DIR);
        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        assertThat(outcome.err()).contains("durability fast (not crash-safe): fsync=off, synchronous_commit=off");
        assertThat(outcome.out()).contains("small with chunked-stateless", "events written", "rows/s", "batches",
                "rejected, listed in dwh.rejected_submissions");

        Outcome durable = etl("generate", "small", "--durable", "--data-dir", DATA_DIR);
        assertThat(durable.exitCode()).isZero();
        assertThat(durable.err()).contains("durability durable: fsync=on, synchronous_commit=on");
        assertThat(durable.out()).contains("small is already generated");

        Outcome tuned = etl("generate", "small", "--server-setting", "shared_buffers=64MB", "--data-dir", DATA_DIR);
        assertThat(tuned.exitCode()).as(tuned.err()).isZero();
        assertThat(tuned.err()).as("the setting is read back from the server").contains("shared_buffers=64MB");
    }

    @Test
    void urlRunsEverythingAgainstAnExternalServer() {
        // The test JVM's embedded server, reached only through --url, stands in for a server the user runs.
        int port = TestDatabase.server().maintenance().port();
        Outcome outcome = etl("process", "small", "copy", "--url", "jdbc:postgresql://localhost:" + port + "/postgres",
                "--user", "postgres", "--durable", "--profile-out", "target/external-run.json");
        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        assertThat(outcome.err()).contains("(external, postgres@localhost:" + port + "/postgres)",
                "--durable has no effect with --url");
        assertThat(outcome.out()).contains("small with copy", "events written");
        assertThat(org.etlworkshop.report.Profiles.read(java.nio.file.Path.of("target/external-run.json"))
                .environment().server()).isEqualTo("external");

        Outcome tuning = etl("generate", "small", "--url", "jdbc:postgresql://localhost:" + port + "/postgres",
                "--server-setting", "fsync=off");
        assertThat(tuning.exitCode()).isEqualTo(2);
        assertThat(tuning.err()).contains("--server-setting applies to the embedded server only");
    }

    @Test
    void listShowsScenariosAndProcessorsWithoutAServer() {
        Outcome outcome = etl("list");
        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.out()).contains("medium", "xlarge", "chunked-stateless", "copy", "N+1");
    }
}
