package org.etlworkshop.db;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The system's psql, when there is one on the PATH, and how to point it at a database. */
public final class Psql {
    private Psql() {
    }

    public static Optional<Path> find() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        String name = File.separatorChar == '\\' ? "psql.exe" : "psql";
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** psql connected to {@code target}, followed by {@code args}; the password goes by environment, never the command line. */
    public static ProcessBuilder command(Path psql, ConnectionInfo target, List<String> args) {
        List<String> command = new ArrayList<>(List.of(psql.toString(), "-h", target.host(), "-p",
                String.valueOf(target.port()), "-U", target.user(), "-d", target.database()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        target.password().ifPresent(p -> builder.environment().put("PGPASSWORD", p));
        return builder;
    }
}
