package org.etlworkshop.cli;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The build this JVM runs from, when the launcher installed it as {@code target/builds/<id>/}.
 * A rebuild writes a new directory beside it and never changes this one, so the JVM holds a shared
 * lock on {@code <id>/in-use.lock} for as long as it runs: the fresh JVMs its matrix or sweep starts
 * find the very jar and libraries it started with. Builds that are no longer current and that no
 * JVM holds are deleted here, on the next start of any {@code etl}.
 */
final class InstalledBuild {
    static final String LOCK = "in-use.lock";
    /**
     * A launcher reads {@code current} and starts its JVM, which locks that build a moment later: a
     * build replaced this recently may still be about to be locked, so it is kept a while.
     */
    private static final Duration GRACE = Duration.ofMinutes(2);

    private static FileLock held; // for the life of the JVM; the OS releases it however the JVM ends

    private InstalledBuild() {
    }

    /** Locks the build this JVM runs from, if the launcher installed it, and deletes the builds nobody uses. */
    static void holdAndTidy() {
        Optional<Path> mine = runningBuild();
        if (mine.isEmpty()) {
            return; // run from target/classes (tests) or from a room kit: nothing is rebuilt under it
        }
        try {
            FileChannel channel = FileChannel.open(mine.get().resolve(LOCK), StandardOpenOption.CREATE,
                    StandardOpenOption.READ, StandardOpenOption.WRITE);
            held = channel.tryLock(0, Long.MAX_VALUE, true);
            tidy(mine.get().getParent(), mine.get());
        } catch (IOException | OverlappingFileLockException e) {
            // tidying is a courtesy: a build that cannot be locked or deleted now is left for the next start
        }
    }

    /** The build directory of this JVM's jar: {@code <builds>/<id>/etl-workshop.jar} with {@code <builds>/current} beside it. */
    static Optional<Path> runningBuild() {
        try {
            Path jar = Path.of(InstalledBuild.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path build = jar.getParent();
            if (!jar.toString().endsWith(".jar") || build == null || build.getParent() == null
                    || !Files.isRegularFile(build.getParent().resolve("current"))) {
                return Optional.empty();
            }
            return Optional.of(build);
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Deletes each build other than the current one and this JVM's that no JVM holds; and builds left half-written long ago. */
    static void tidy(Path builds, Path mine) throws IOException {
        String current = Files.readString(builds.resolve("current")).strip();
        FileTime currentSince = Files.getLastModifiedTime(builds.resolve(current));
        if (Instant.now().isBefore(currentSince.toInstant().plus(GRACE))) {
            return;
        }
        List<Path> others;
        try (Stream<Path> all = Files.list(builds)) {
            others = all.filter(Files::isDirectory)
                    .filter(b -> !b.getFileName().toString().equals(current) && !b.equals(mine))
                    .filter(b -> !b.getFileName().toString().startsWith("."))
                    .toList();
        }
        for (Path other : others) {
            if (other.getFileName().toString().endsWith(".partial")) {
                if (Instant.now().isAfter(Files.getLastModifiedTime(other).toInstant().plus(Duration.ofDays(1)))) {
                    delete(other);
                }
            } else if (!inUse(other)) {
                delete(other);
            }
        }
    }

    /** Whether a JVM holds this build: its shared lock keeps our exclusive one out. */
    static boolean inUse(Path build) {
        try (FileChannel channel = FileChannel.open(build.resolve(LOCK), StandardOpenOption.CREATE,
                StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock exclusive = channel.tryLock();
            if (exclusive == null) {
                return true;
            }
            exclusive.release();
            return false;
        } catch (IOException | OverlappingFileLockException e) {
            return true; // this JVM holds it, or it cannot be checked: keep it
        }
    }

    private static void delete(Path build) {
        try (Stream<Path> files = Files.walk(build)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // a file still open (Windows refuses to delete it): the next start tries again
        }
    }
}
