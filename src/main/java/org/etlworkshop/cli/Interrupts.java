package org.etlworkshop.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

import java.io.OutputStream;
import java.io.PrintStream;

/**
 * Ctrl-C (SIGINT) and SIGTERM end a command with one line and the shell's exit code (130, 143),
 * not with the stack traces of every connection the dying server closes. Exiting runs the
 * shutdown hooks, which stop the embedded server: an unfinished load's transaction is rolled back
 * by PostgreSQL, so nothing of it is loaded. While psql runs in the foreground, Ctrl-C belongs to
 * psql (it cancels the query) and the command ignores it.
 */
final class Interrupts {
    /** What the one line says happened to the data; a command changes it once its load is committed. */
    private static volatile String dataState = "nothing was loaded (an unfinished load is rolled back)";
    private static volatile boolean psqlInForeground;

    private Interrupts() {
    }

    /** Installed by {@code main} only: the tests run commands in their own JVM and keep its signals. */
    static void install() {
        handle("INT", 130);
        handle("TERM", 143);
    }

    static void loadCommitted(String what) {
        dataState = what;
    }

    static void psqlInForeground(boolean value) {
        psqlInForeground = value;
    }

    private static void handle(String signal, int exitCode) {
        try {
            Signal.handle(new Signal(signal), s -> {
                if (psqlInForeground && signal.equals("INT")) {
                    return; // psql got the same Ctrl-C and cancels its query
                }
                System.out.flush();
                System.err.println();
                System.err.println("etl: interrupted (SIG" + signal + "): " + dataState);
                // What the dying command and its libraries would print now is noise: the line above says it all.
                ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.OFF);
                PrintStream silent = new PrintStream(OutputStream.nullOutputStream());
                System.setErr(silent);
                System.setOut(silent);
                System.exit(exitCode);
            });
        } catch (IllegalArgumentException e) {
            // a platform without this signal: keep the JVM's default
        }
    }
}
