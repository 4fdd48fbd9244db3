package org.etlworkshop.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Builds the launcher installed: the ones a JVM still runs from survive a tidy, the rest go. */
class InstalledBuildTest {

    @Test
    void aBuildAnotherJvmHoldsSurvivesWhileUnusedOldBuildsAreDeleted(@TempDir Path builds) throws Exception {
        Path held = build(builds, "20261201-100000-1", Duration.ofHours(3));
        Path unused = build(builds, "20261201-110000-2", Duration.ofHours(2));
        Path mine = build(builds, "20261201-120000-3", Duration.ofHours(1));
        Path current = build(builds, "20261201-130000-4", Duration.ofMinutes(10));
        Path halfWritten = build(builds, "20261130-090000-5.partial", Duration.ofDays(2));
        Path beingWritten = build(builds, "20261201-131000-6.partial", Duration.ofMinutes(1));
        Files.writeString(builds.resolve("current"), current.getFileName() + "\n");

        Process holder = holdShared(held.resolve(InstalledBuild.LOCK));
        try {
            assertThat(InstalledBuild.inUse(held)).isTrue();
            assertThat(InstalledBuild.inUse(unused)).isFalse();
            InstalledBuild.tidy(builds, mine);
            assertThat(held).exists();
            assertThat(unused).doesNotExist();
            assertThat(mine).exists();
            assertThat(current).exists();
            assertThat(halfWritten).doesNotExist();
            assertThat(beingWritten).exists();
        } finally {
            holder.getOutputStream().close(); // the holder exits when its input closes, releasing the lock
            holder.waitFor();
        }
        InstalledBuild.tidy(builds, mine);
        assertThat(held).as("released by the JVM that ran from it").doesNotExist();
    }

    @Test
    void nothingIsDeletedWhileTheCurrentBuildIsNewEnoughThatALauncherMayStillBeStartingAnOlderOne(@TempDir Path builds)
            throws IOException {
        Path old = build(builds, "20261201-100000-1", Duration.ofHours(1));
        Path current = build(builds, "20261201-110000-2", Duration.ofSeconds(10));
        Files.writeString(builds.resolve("current"), current.getFileName().toString());
        InstalledBuild.tidy(builds, current);
        assertThat(old).exists();
    }

    private static Path build(Path builds, String id, Duration age) throws IOException {
        Path build = builds.resolve(id);
        Files.createDirectories(build.resolve("lib"));
        Files.writeString(build.resolve("etl-workshop.jar"), "jar " + id);
        Files.writeString(build.resolve("lib/some-library.jar"), "library");
        Files.setLastModifiedTime(build, FileTime.from(Instant.now().minus(age)));
        return build;
    }

    /** Another JVM holding a build as a running etl does (locks are per process, so it must be another one). */
    private static Process holdShared(Path lockFile) throws Exception {
        Process process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Holder.class.getName(), lockFile.toString()))
                .redirectErrorStream(true).start();
        assertThat(new String(process.getInputStream().readNBytes(5))).isEqualTo("held\n");
        return process;
    }

    /** Locks a file shared, says so, and keeps the lock until its standard input closes. */
    public static final class Holder {
        public static void main(String[] args) throws IOException {
            try (FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE)) {
                channel.lock(0, Long.MAX_VALUE, true);
                System.out.print("held\n");
                System.out.flush();
                System.in.read();
            }
        }
    }
}
