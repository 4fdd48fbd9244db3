package org.etlworkshop.cli;

import org.etlworkshop.UsageException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Usage errors as a user meets them: one line and exit 2 in every command, and one argument order for scenario and processor. */
class UsageErrorsTest {

    private static void assertOneLineUsageError(Cli.Outcome outcome, String what) {
        assertThat(outcome.exitCode()).as(what + ": " + outcome.err()).isEqualTo(2);
        assertThat(outcome.err().strip().lines().toList()).as(what).hasSize(1);
        assertThat(outcome.err()).as(what).startsWith("etl: ").doesNotContain("Usage:");
    }

    @Test
    void anUnknownOptionIsOneLineInEveryCommand() {
        Set<String> commands = EtlCommand.commandLine().getSubcommands().keySet();
        for (String command : commands) {
            if (command.equals("help")) {
                continue;
            }
            assertOneLineUsageError(Cli.etl(command, "--no-such-option"), command);
        }
    }

    @Test
    void aBadEnumOrNumberValueIsOneLineNamingTheValidValues() {
        Cli.Outcome read = Cli.etl("process", "small", "copy", "--read", "sideways");
        assertOneLineUsageError(read, "--read sideways");
        assertThat(read.err()).containsIgnoringCase("list").containsIgnoringCase("stream").contains("sideways")
                .contains("etl process --help");
        assertOneLineUsageError(Cli.etl("matrix", "small", "--repeat", "twice"), "--repeat twice");
        assertOneLineUsageError(Cli.etl("import", "x.csv"), "a missing argument");
        assertOneLineUsageError(Cli.etl("process", "small", "copy", "--workers", "many"), "--workers many");
        Cli.Outcome unknownCommand = Cli.etl("proces", "small", "copy");
        assertOneLineUsageError(unknownCommand, "a misspelt command");
        assertThat(unknownCommand.err()).contains("process");
    }

    @Test
    void sweepTakesTheScenariosFirstAndTheProcessorLastLikeProcessAndMatrix() {
        // --over-workers 0 is refused after the names are read: the message shows which way they were read
        Cli.Outcome current = Cli.etl("sweep", "small", "chunked", "--over-workers", "0");
        assertThat(current.exitCode()).isEqualTo(2);
        assertThat(current.err()).contains("--over-workers must be 1 to 16").doesNotContain("unknown");

        Cli.Outcome older = Cli.etl("sweep", "chunked", "small", "--over-workers", "0");
        assertThat(older.exitCode()).as("the older order, unambiguous, still works").isEqualTo(2);
        assertThat(older.err()).contains("etl sweep small chunked").contains("--over-workers must be 1 to 16");

        Cli.Outcome unknown = Cli.etl("sweep", "small", "nope");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("nope").contains("chunked");
    }

    @Test
    void sweepArgumentsThatReadBothWaysAreRefused() {
        List<String> scenarios = List.of("small", "medium", "both");
        List<String> processors = List.of("copy", "both");
        assertThat(SweepArguments.of(List.of("small", "medium", "copy"), scenarios, processors))
                .isEqualTo(new SweepArguments(List.of("small", "medium"), "copy", false));
        assertThat(SweepArguments.of(List.of("copy", "small", "medium"), scenarios, processors))
                .isEqualTo(new SweepArguments(List.of("small", "medium"), "copy", true));
        assertThatThrownBy(() -> SweepArguments.of(List.of("both", "both"), scenarios, processors))
                .isInstanceOf(UsageException.class).hasMessageContaining("reads both ways");
    }
}
