package org.etlworkshop.cli;

import org.etlworkshop.EtlException;
import org.etlworkshop.UsageException;
import picocli.CommandLine;

/**
 * The one place where failures become exit codes and messages: 0 ok, 1 runtime failure, 2 usage
 * error. A user error is one line; a bug keeps its stack trace, shown with {@code --verbose}.
 */
final class ExitCodes {
    static final int OK = 0;
    static final int FAILURE = 1;
    static final int USAGE = 2;

    private ExitCodes() {
    }

    /**
     * A command line picocli cannot parse (an unknown option, a bad enum or number, a missing
     * argument): one line naming the problem and where the options are listed, not the whole usage.
     */
    static CommandLine.IParameterExceptionHandler parameterHandler() {
        return (exception, args) -> {
            CommandLine command = exception.getCommandLine();
            String name = command.getCommandSpec().qualifiedName();
            String hint = name + " --help lists the options";
            if (exception instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
                hint = "did you mean " + String.join(" or ", unmatched.getSuggestions()) + "? " + hint;
            } else if (command.getParent() == null && !command.getSubcommands().isEmpty()) {
                hint = "commands: " + String.join(", ", command.getSubcommands().keySet());
            }
            command.getErr().println("etl: " + exception.getMessage().lines().findFirst().orElse("") + " (" + hint + ")");
            return USAGE;
        };
    }

    static CommandLine.IExecutionExceptionHandler handler() {
        return (exception, commandLine, parseResult) -> {
            if (exception instanceof UsageException) {
                commandLine.getErr().println("etl: " + exception.getMessage());
                return USAGE;
            }
            if (exception instanceof EtlException) {
                commandLine.getErr().println("etl: " + exception.getMessage());
                if (EtlCommand.verbose && exception.getCause() != null) {
                    exception.getCause().printStackTrace(commandLine.getErr());
                }
                return FAILURE;
            }
            commandLine.getErr().println("etl: internal error: " + exception
                    + (EtlCommand.verbose ? "" : " (run again with --verbose for the stack trace)"));
            if (EtlCommand.verbose) {
                exception.printStackTrace(commandLine.getErr());
            }
            return FAILURE;
        };
    }
}
