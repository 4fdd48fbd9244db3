package org.etlworkshop.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * {@code etl doctor} on this machine, and with one piece taken away at a time: each missing piece is
 * named, with the command that fixes it, and the exit code says whether etl can run.
 */
class DoctorCommandTest {

    @Test
    void passesHereAndStartsThisPlatformsPostgres(@TempDir Path dir) {
        Cli.Outcome outcome = Cli.etl("doctor", "--data-dir", dir.resolve("data").toString());
        assertThat(outcome.exitCode()).as(outcome.all()).isZero();
        assertThat(outcome.out())
                .containsPattern("(?m)^  ok +Java +Java " + Runtime.version().feature())
                .containsPattern("(?m)^  ok +memory ")
                .containsPattern("(?m)^  ok +disk ")
                .containsPattern("(?m)^  ok +data dir +.*data is writable")
                .containsPattern("(?m)^  ok +port +the system gives out free ports")
                .containsPattern("(?m)^  ok +PostgreSQL +PostgreSQL 18\\.\\d+ from postgres-linux-x86_64\\.txz started in \\d+\\.\\d s")
                .contains("Everything etl needs is here.");
        assertThat(dir.resolve("data/doctor")).as("the scratch server is removed").doesNotExist();
    }

    @Test
    void anOccupiedPortIsNamedWithHowToFindWhoHoldsIt(@TempDir Path dir) throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            Cli.Outcome outcome = Cli.etl("doctor", "--data-dir", dir.toString(), "--port", String.valueOf(port));
            assertThat(outcome.exitCode()).isEqualTo(1);
            assertThat(outcome.out())
                    .containsPattern("(?m)^  MISSING +port +port " + port + " on localhost is taken")
                    .containsPattern("(?m)^ +fix: ss -ltnp 'sport = :" + port + "' shows which program holds it")
                    .contains("Missing: port.");
        }
        Cli.Outcome outOfRange = Cli.etl("doctor", "--data-dir", dir.toString(), "--port", "70000");
        assertThat(outOfRange.exitCode()).isEqualTo(2);
        assertThat(outOfRange.err()).contains("--port must be between 1 and 65535 (got 70000)");
    }

    @Test
    void aDataDirectoryThatCannotBeCreatedIsNamedAndPostgresIsNotTried(@TempDir Path dir) throws IOException {
        Path blocker = Files.writeString(dir.resolve("a-file"), "not a directory");
        Cli.Outcome outcome = Cli.etl("doctor", "--data-dir", blocker.resolve("data").toString());
        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.out())
                .containsPattern("(?m)^  MISSING +data dir +cannot write in .*a-file/data: ")
                .containsPattern("(?m)^ +fix: chmod -R u\\+w .*a-file/data, or give etl another one: --data-dir DIR")
                .containsPattern("(?m)^  MISSING +PostgreSQL +not started: it needs a writable data directory")
                .contains("Missing: data dir, PostgreSQL.");
    }

    @Test
    void aReadOnlyDataDirectoryIsNamed(@TempDir Path dir) throws IOException {
        Path data = Files.createDirectory(dir.resolve("data"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeFalse(Files.isWritable(data), "root writes anyway: the test above covers this machine");
            Cli.Outcome outcome = Cli.etl("doctor", "--data-dir", data.toString());
            assertThat(outcome.exitCode()).isEqualTo(1);
            assertThat(outcome.out()).containsPattern("(?m)^  MISSING +data dir +cannot write in .*data: permission denied");
        } finally {
            Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void aDataDirectoryTheServerWouldRefuseIsAUsageProblemNamedBeforeAnythingStarts(@TempDir Path dir) {
        Cli.Outcome outcome = Cli.etl("doctor", "--data-dir", dir.resolve("x$(touch pwned)").toString());
        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.out()).containsPattern("(?m)^  MISSING +data dir +--data-dir .*: the path may only hold");
        assertThat(dir.resolve("pwned")).doesNotExist();
    }

    @Test
    void withoutPsqlOnThePathItSaysHowToInstallItAndStillPasses(@TempDir Path dir) throws Exception {
        String out = runWithPath(dir, pathWithout("psql", Files.createDirectory(dir.resolve("bin"))));
        assertThat(out)
                .containsPattern("(?m)^  missing +psql +\\(optional\\) no psql on PATH")
                .containsPattern("(?m)^ +fix: .*(postgresql|libpq|PostgreSQL).* \\(optional: etl psql has a small built-in client\\)")
                .contains("Everything etl needs is here.");
    }

    /** A directory of links to every program on this PATH but {@code program}: the PATH of a machine without it. */
    private static Path pathWithout(String program, Path bin) throws IOException {
        for (String entry : System.getenv("PATH").split(java.io.File.pathSeparator)) {
            Path dir = Path.of(entry);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Path link = bin.resolve(file.getFileName());
                    if (!file.getFileName().toString().equals(program) && !Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                        Files.createSymbolicLink(link, file.toAbsolutePath());
                    }
                }
            }
        }
        assertThat(bin.resolve(program)).doesNotExist();
        assertThat(bin.resolve("sh")).exists();
        return bin;
    }

    /** etl doctor in a child JVM whose PATH is only {@code path}: what it printed, after checking it exited 0. */
    private static String runWithPath(Path dir, Path path) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), EtlCommand.class.getName(),
                "doctor", "--data-dir", dir.resolve("data-child").toString()))
                .redirectErrorStream(true);
        builder.environment().put("PATH", path.toString());
        Process process = builder.start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        return out;
    }
}
