package org.etlworkshop.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.etlworkshop.measure.CommandClock;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.util.Arrays;
import java.util.List;

/** The {@code etl} command: parses, then hands over to one subcommand. */
@Command(name = "etl", mixinStandardHelpOptions = true, version = "etl-workshop 0.1.0",
        description = "Teaches and measures how to move large amounts of data into PostgreSQL through an ORM.",
        footer = {"", "Start with:  etl process medium chunked-stateless   then compare with   etl process medium naive"})
public final class EtlCommand implements Runnable {
    /** The subcommands, in the order the usage lists them. */
    private static final List<Class<?>> COMMANDS = List.of(GenerateCommand.class, ProcessCommand.class,
            CompareCommand.class, ExplainCommand.class, MatrixCommand.class, SweepCommand.class, LimitCommand.class,
            ImportCommand.class, ExportCommand.class, TransferCommand.class, MariaDbCommand.class, ChatLogCommand.class,
            ListCommand.class, PsqlCommand.class, CleanCommand.class, DoctorCommand.class, KitCommand.class,
            ResultsPageCommand.class, WarmUpCommand.class, CommandLine.HelpCommand.class);

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
        int code = commandLine(args).execute(args);
        return args.length == 0 ? ExitCodes.USAGE : code;
    }

    /** The whole command line, every subcommand in it: what the usage and the tests see. */
    public static CommandLine commandLine() {
        return commandLine(new String[0]);
    }

    /**
     * The command line these arguments need. Picocli reads every option of every command it is given
     * by reflection, which took most of a second of each command's start on a busy 2-core laptop; a
     * command line naming a command gets that command only. Anything else (no command, an unknown one,
     * {@code help}, {@code --help}) gets them all, for the usage and the suggestions.
     */
    static CommandLine commandLine(String[] args) {
        String named = Arrays.stream(args).filter(arg -> !arg.startsWith("-")).findFirst().orElse("");
        boolean known = !named.equals("help") && COMMANDS.stream().anyMatch(c -> name(c).equals(named));
        CommandLine commandLine = new CommandLine(new EtlCommand());
        for (Class<?> command : COMMANDS) {
            if (!known || name(command).equals(named)) {
                commandLine.addSubcommand(command);
            }
        }
        commandLine.setExecutionExceptionHandler(ExitCodes.handler())
                .setParameterExceptionHandler(ExitCodes.parameterHandler())
                .setCaseInsensitiveEnumValuesAllowed(true);
        CommandLine psql = commandLine.getSubcommands().get("psql");
        if (psql != null) {
            // Everything after `etl psql SCENARIO` belongs to psql, even what looks like an etl option (-v, -c).
            psql.setStopAtPositional(true);
        }
        return commandLine;
    }

    private static String name(Class<?> command) {
        return command.getAnnotation(Command.class).name();
    }
}
