package org.etlworkshop.cli;

import org.etlworkshop.TestDatabase;
import org.etlworkshop.pipeline.LoaderRegistry;
import org.etlworkshop.report.Profiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line as a user meets it: exit codes 0/1/2, one-line errors, no stack traces. */
class EtlCommandTest {
    private static final String DATA_DIR = "target/cli-etl";

    private static Cli.Outcome etl(String... args) {
        return Cli.etl(args);
    }

    @Test
    void noCommandPrintsUsageAndExitsWithTwo() {
        Cli.Outcome outcome = etl();
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).contains("Usage: etl", "generate", "process", "psql", "clean");
    }

    @Test
    void helpWorksOnEveryCommand() {
        Set<String> commands = EtlCommand.commandLine().getSubcommands().keySet();
        assertThat(commands).contains("generate", "process", "compare", "matrix", "sweep", "limit", "list", "psql", "clean");
        for (String command : commands) {
            if (command.equals("help")) {
                continue; // picocli's own; "etl help process" is the same page as "etl process --help"
            }
            Cli.Outcome outcome = etl(command, "--help");
            assertThat(outcome.exitCode()).as(command).isZero();
            assertThat(outcome.out()).as(command).contains("Usage: etl " + command);
        }
    }

    @Test
    void aCatalogWithABadLoaderFailsAtListBeforeAnythingIsPrinted(@TempDir Path dir) throws IOException {
        Path catalog = Files.writeString(dir.resolve("mine.json"), "{\"mine\": {\"loader\": \"chunky\"}}");
        Cli.Outcome outcome = etl("list", "--catalog", catalog.toString());
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.out()).isEmpty();
        assertThat(outcome.err()).contains("mine.json: processor 'mine': unknown loader 'chunky'; valid: naive,")
                .doesNotContain("Exception");
    }

    @Test
    void listShowsEveryLoaderWithItsCeiling() {
        Cli.Outcome outcome = etl("list");
        assertThat(outcome.exitCode()).isZero();
        for (String loader : LoaderRegistry.names()) {
            assertThat(outcome.out()).containsPattern("(?m)^  " + loader + " +" + LoaderRegistry.named(loader).ceiling().ceilingName());
        }
    }

    @Test
    void unknownNamesAreUsageErrorsThatListTheValidChoices() {
        Cli.Outcome scenario = etl("generate", "nope", "--data-dir", DATA_DIR);
        assertThat(scenario.exitCode()).isEqualTo(2);
        assertThat(scenario.err()).contains("unknown scenario 'nope'; valid: empty, small, medium").doesNotContain("Exception");

        Cli.Outcome processor = etl("process", "small", "nope", "--data-dir", DATA_DIR);
        assertThat(processor.exitCode()).isEqualTo(2);
        assertThat(processor.err()).contains("unknown processor 'nope'; valid: naive, naive-all").doesNotContain("Exception");

        Cli.Outcome loader = etl("process", "small", "chunked", "--loader", "bogus", "--data-dir", DATA_DIR);
        assertThat(loader.exitCode()).isEqualTo(2);
        assertThat(loader.err()).contains("unknown loader 'bogus'; valid: naive, flush-per-entity, chunked, chunked-identity, stateless, row-commit, copy");

        Cli.Outcome size = etl("process", "small", "chunked", "--chunk-size", "0", "--data-dir", DATA_DIR);
        assertThat(size.exitCode()).isEqualTo(2);
        assertThat(size.err()).contains("--chunk-size must be at least 1");

        Cli.Outcome option = etl("process", "small", "chunked", "--fetch", "sideways");
        assertThat(option.exitCode()).isEqualTo(2);
        assertThat(option.err()).contains("sideways").contains("LAZY, JOIN, PROJECTION");

        Cli.Outcome design = etl("process", "small", "copy", "--workers", "2", "--workers-design", "pool", "--data-dir", DATA_DIR);
        assertThat(design.exitCode()).isEqualTo(2);
        assertThat(design.err()).contains("unknown --workers-design 'pool'; valid: partitions, queue").doesNotContain("Exception");
    }

    @Test
    void anUnreachableServerIsARuntimeFailureInOneLine() {
        Cli.Outcome outcome = etl("generate", "small", "--url", "jdbc:postgresql://127.0.0.1:1/postgres");
        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.err()).contains("etl: cannot connect to postgres@127.0.0.1:1/postgres: Connection refused")
                .doesNotContain("\tat ");
        assertThat(etl("generate", "small", "--url", "postgres://nowhere").exitCode()).isEqualTo(2);
    }

    @Test
    void aBusyDataDirectoryStopsTheSecondCommandWithAClearMessage() {
        TestDatabase.server(); // holds target/test-etl
        Cli.Outcome outcome = etl("generate", "small", "--data-dir", TestDatabase.DATA_DIR.toString());
        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.err()).contains("another etl command is using");
    }

    @Test
    void processPrintsItsSummaryAndTheDurabilityInForce() {
        Cli.Outcome outcome = etl("process", "small", "chunked-stateless", "--data-dir", DATA_DIR);
        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        assertThat(outcome.err()).contains("durability fast (not crash-safe): fsync=off, synchronous_commit=off");
        assertThat(outcome.out()).contains("small with chunked-stateless", "events written", "rows/s", "batches",
                "rejected, listed in dwh.rejected_submissions");

        Cli.Outcome durable = etl("generate", "small", "--durable", "--data-dir", DATA_DIR);
        assertThat(durable.exitCode()).isZero();
        assertThat(durable.err()).contains("durability durable: fsync=on, synchronous_commit=on");
        assertThat(durable.out()).contains("small is already generated");

        Cli.Outcome tuned = etl("generate", "small", "--server-setting", "shared_buffers=64MB", "--data-dir", DATA_DIR);
        assertThat(tuned.exitCode()).as(tuned.err()).isZero();
        assertThat(tuned.err()).as("the setting is read back from the server").contains("shared_buffers=64MB");
    }

    @Test
    void aFirstIncrementalRunSaysItReadEverythingAndAResumeRefusesAnotherPublishMode(@TempDir Path dir) {
        String data = dir.resolve("data").toString();
        Cli.Outcome first = etl("process", "small", "copy", "--publish", "incremental", "--data-dir", data);
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("incremental, run 1 in dwh.etl_runs (nothing to start from");

        Cli.Outcome failed = etl("process", "small", "copy", "--publish", "staged", "--checkpoint-every", "10",
                "--fail-after", "100", "--data-dir", data);
        assertThat(failed.exitCode()).as(failed.out()).isEqualTo(1);
        Cli.Outcome refused = etl("process", "small", "copy", "--resume", "--publish", "incremental", "--data-dir", data);
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("--resume continues run 2, which publishes staged, but --publish incremental was given")
                .doesNotContain("Exception");
        Cli.Outcome resumed = etl("process", "small", "copy", "--resume", "--data-dir", data);
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("staged, run 2 in dwh.etl_runs");
    }

    @Test
    void urlRunsEverythingAgainstAnExternalServer() {
        // The test JVM's embedded server, reached only through --url, stands in for a server the user runs.
        int port = TestDatabase.server().maintenance().port();
        Cli.Outcome outcome = etl("process", "small", "copy", "--url", "jdbc:postgresql://localhost:" + port + "/postgres",
                "--user", "postgres", "--durable", "--profile-out", "target/external-run.json");
        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        assertThat(outcome.err()).contains("(external, postgres@localhost:" + port + "/postgres)",
                "--durable has no effect with --url");
        assertThat(outcome.out()).contains("small with copy", "events written");
        assertThat(Profiles.read(Path.of("target/external-run.json"))
                .environment().server()).isEqualTo("external");

        Cli.Outcome tuning = etl("generate", "small", "--url", "jdbc:postgresql://localhost:" + port + "/postgres",
                "--server-setting", "fsync=off");
        assertThat(tuning.exitCode()).isEqualTo(2);
        assertThat(tuning.err()).contains("--server-setting applies to the embedded server only");
    }

    @Test
    void listShowsScenariosAndProcessorsWithoutAServer() {
        Cli.Outcome outcome = etl("list");
        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.out()).contains("medium", "xlarge", "chunked-stateless", "copy", "N+1");
    }
}
