package org.etlworkshop.report;

import org.etlworkshop.EtlException;
import org.etlworkshop.IoErrors;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs one {@code etl} command in a new JVM, with the same Java, classpath and heap options as this
 * one. Memory figures from a JVM that already ran other processors would carry their garbage, their
 * JIT state and their heap sizing: each measured run gets a fresh JVM.
 */
public final class FreshJvm {
    private FreshJvm() {
    }

    /** How a child run ended; {@code output} is empty when it failed or timed out. */
    public record Outcome(Optional<Path> output, int exitCode, boolean timedOut, String lastLine, Path log) {
    }

    /** Runs {@code etl <etlArguments> --profile-out <output>}: the child writes its result to {@code output}. */
    public static Outcome run(List<String> etlArguments, Path profileOut, Path log, Duration timeout,
                              Map<String, String> environment) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String argument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if ((argument.startsWith("-X") || argument.startsWith("-D")) && !argument.startsWith("-Xrunjdwp")
                    && !argument.startsWith("-Xdebug")) {
                command.add(argument); // the user's heap and system properties (etl.home) carry over
            }
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("org.etlworkshop.cli.EtlCommand");
        command.addAll(etlArguments);
        command.add("--profile-out");
        command.add(profileOut.toString());
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            Files.deleteIfExists(profileOut);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            Process child = builder.start();
            boolean finished = child.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                child.destroy(); // SIGTERM: its shutdown hook stops the embedded PostgreSQL
                if (!child.waitFor(30, TimeUnit.SECONDS)) {
                    child.destroyForcibly().waitFor();
                }
            }
            int exit = finished ? child.exitValue() : -1;
            Optional<Path> output = finished && exit == 0 && Files.exists(profileOut) ? Optional.of(profileOut) : Optional.empty();
            return new Outcome(output, exit, !finished, lastLine(log), log);
        } catch (IOException e) {
            throw new EtlException("cannot start a JVM for " + String.join(" ", etlArguments) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EtlException("interrupted while running " + String.join(" ", etlArguments));
        }
    }

    /** The line of a failed run's log that says why: etl's own error, else the exception that ended it, else the last line. */
    static String errorLine(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            String last = lastLine(log);
            return last.startsWith("etl: ") ? last : lines.stream().filter(l -> l.startsWith("Exception in thread"))
                    .findFirst().orElse(last);
        } catch (IOException e) {
            return "its log cannot be read (" + IoErrors.describe(e) + ")";
        }
    }

    private static String lastLine(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).startsWith("etl: ")) {
                return lines.get(i);
            }
        }
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }
}
