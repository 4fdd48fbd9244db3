package org.etlworkshop.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.etlworkshop.measure.CommandClock;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code etl} command: parses, then hands over to one subcommand. */
@Command(name = "etl", mixinStandardHelpOptions = true, version = "etl-workshop 0.1.0",
        description = "Teaches and measures how to move large amounts of data into PostgreSQL through an ORM.",
        subcommands = {GenerateCommand.class, ProcessCommand.class, CompareCommand.class, ExplainCommand.class, MatrixCommand.class, SweepCommand.class, LimitCommand.class, ImportCommand.class, ExportCommand.class, TransferCommand.class, MariaDbCommand.class, ChatLogCommand.class, ListCommand.class, PsqlCommand.class, CleanCommand.class,
                DoctorCommand.class, KitCommand.class, ResultsPageCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Start with:  etl process medium chunked-stateless   then compare with   etl process medium naive"})
public final class EtlCommand implements Runnable {
    static boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "Log what the libraries do and show stack traces of failures.")
    void setVerbose(boolean value) {
        verbose = value;
        if (value) {
            ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.INFO);
            ((Logger) LoggerFactory.getLogger("io.zonky.test.db.postgres.embedded.EmbeddedPostgres")).setLevel(Level.INFO);
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }

    public static void main(String[] args) {
        CommandClock.mainEntered();
        Interrupts.install();
        InstalledBuild.holdAndTidy(); // a rebuild while this runs leaves this JVM's jar, and its children's, alone
        System.exit(execute(args));
    }

    /** Runs one command line and returns its exit code; the tests call this instead of main. */
    public static int execute(String... args) {
        verbose = false;
        CommandLine commandLine = new CommandLine(new EtlCommand())
                .setExecutionExceptionHandler(ExitCodes.handler())
                .setParameterExceptionHandler(ExitCodes.parameterHandler())
                .setCaseInsensitiveEnumValuesAllowed(true);
        // Everything after `etl psql SCENARIO` belongs to psql, even what looks like an etl option (-v, -c).
        commandLine.getSubcommands().get("psql").setStopAtPositional(true);
        int code = commandLine.execute(args);
        return args.length == 0 ? ExitCodes.USAGE : code;
    }
}
