package org.etlworkshop.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A command line naming a command is built with that command only (picocli's reflection over every
 * command was most of a command's start), and nothing a user sees changes for it: the usage, the
 * suggestions and {@code etl help CMD} still know every command. The build's class-data-sharing
 * training ({@code etl warm-up}) runs without any server.
 */
class CommandLineShapeTest {
    @Test
    void aNamedCommandIsBuiltAlone() {
        assertThat(EtlCommand.commandLine(new String[]{"list"}).getSubcommands()).containsOnlyKeys("list");
        assertThat(EtlCommand.commandLine(new String[]{"-v", "process", "small", "copy"}).getSubcommands())
                .containsOnlyKeys("process");
        assertThat(EtlCommand.commandLine(new String[]{"psql", "small", "-c", "select 1"}).getSubcommands().get("psql")
                .isStopAtPositional()).isTrue();
    }

    @Test
    void anythingElseGetsEveryCommand() {
        int all = EtlCommand.commandLine().getSubcommands().size();
        assertThat(all).isGreaterThan(15);
        for (String[] args : new String[][]{{}, {"--help"}, {"help", "list"}, {"proces"}, {"-V"}}) {
            assertThat(EtlCommand.commandLine(args).getSubcommands()).as(String.join(" ", args)).hasSize(all);
        }
    }

    @Test
    void usageSuggestionsAndHelpStillKnowEveryCommand() {
        assertThat(Cli.etl("--help").out()).contains("generate", "process", "transfer", "results-page");
        assertThat(Cli.etl("--help").out()).doesNotContain("warm-up"); // the build's, not a user's
        Cli.Outcome typo = Cli.etl("proces", "small", "copy");
        assertThat(typo.exitCode()).isEqualTo(2);
        assertThat(typo.err()).contains("did you mean process");
        Cli.Outcome help = Cli.etl("help", "list");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("Usage: etl list");
        Cli.Outcome badOption = Cli.etl("list", "--no-such-option");
        assertThat(badOption.exitCode()).isEqualTo(2);
        assertThat(badOption.err()).contains("etl list --help lists the options");
    }

    @Test
    void warmUpNeedsNoServer() {
        // Its Hibernate bootstrap is given a data source on port 1: connecting at all would fail the command.
        Cli.Outcome outcome = Cli.etl("warm-up");
        assertThat(outcome.exitCode()).as(outcome.all()).isZero();
        assertThat(outcome.out()).contains("warmed up");
    }
}
