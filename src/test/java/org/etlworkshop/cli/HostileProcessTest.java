package org.etlworkshop.cli;

import org.etlworkshop.db.Databases;
import org.etlworkshop.db.Durability;
import org.etlworkshop.db.EmbeddedServer;
import org.etlworkshop.db.Psql;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** What a hostile or unlucky user does to the process: injected settings, stale pid files, signals, unwritable profiles. */
class HostileProcessTest {
    private static final String DATA_DIR = "target/cli-etl";

    @Test
    void serverSettingsAndDataDirectoriesNeverReachAShellAsCode(@TempDir Path dir) {
        Path marker = dir.resolve("injected");
        for (String setting : List.of("work_mem=4MB$(touch " + marker + ")", "shared_buffers=1GB -c fsync=on",
                "work_mem=4MB;touch " + marker, "bad name=1", "fsync=`touch " + marker + "`")) {
            Cli.Outcome outcome = Cli.etl("generate", "empty", "--server-setting", setting, "--data-dir", DATA_DIR);
            assertThat(outcome.exitCode()).as(setting).isEqualTo(2);
            assertThat(outcome.err()).as(setting).startsWith("etl: --server-setting").doesNotContain("\tat ");
        }
        Cli.Outcome path = Cli.etl("generate", "empty", "--data-dir", dir.resolve("x$(touch " + marker + ")").toString());
        assertThat(path.exitCode()).isEqualTo(2);
        assertThat(path.err()).contains("--data-dir");
        assertThat(Cli.etl("generate", "empty", "--data-dir", "").exitCode()).isEqualTo(2);
        assertThat(marker).doesNotExist();
    }

    @Test
    void aSettingTheServerRefusesIsOneLineWithTheServersReason(@TempDir Path dir) {
        Path dataDir = dir.resolve("data");
        for (String[] setting : List.of(new String[]{"no_such_setting=4", "unrecognized configuration parameter \"no_such_setting\""},
                new String[]{"shared_buffers=lots", "invalid value for parameter \"shared_buffers\": \"lots\""})) {
            Cli.Outcome outcome = Cli.etl("generate", "empty", "--server-setting", setting[0], "--data-dir", dataDir.toString());
            assertThat(outcome.exitCode()).as(setting[0]).isEqualTo(2);
            assertThat(outcome.err()).as(setting[0]).contains("etl: the embedded PostgreSQL did not start: " + setting[1])
                    .doesNotContain("\tat ");
        }
        assertThat(Cli.etl("generate", "empty", "--data-dir", dataDir.toString()).exitCode())
                .as("the next start with good settings works").isZero();
    }

    @Test
    void aStalePidFileNamingAnUnrelatedProcessLeavesThatProcessAlone(@TempDir Path dir) throws Exception {
        Path dataDir = dir.resolve("data");
        EmbeddedServer.start(dataDir, Durability.FAST, "first start").close(); // a data directory with its pgdata
        Process bystander = new ProcessBuilder("sleep", "120").start();
        try {
            Files.writeString(dataDir.resolve("pgdata/postmaster.pid"), bystander.pid() + "\n" + dataDir.resolve("pgdata") + "\n");
            try (EmbeddedServer server = EmbeddedServer.start(dataDir, Durability.FAST, "second start")) {
                assertThat(server.maintenance().port()).isPositive();
            }
            assertThat(bystander.isAlive()).as("the unrelated process was not signalled").isTrue();
        } finally {
            bystander.destroyForcibly();
        }
    }

    @Test
    void aProfileThatCannotBeWrittenIsRefusedBeforeAnythingLoads(@TempDir Path dir) throws IOException {
        Path notAFolder = Files.writeString(dir.resolve("file.txt"), "x");
        Cli.Outcome outcome = Cli.etl("process", "empty", "copy", "--data-dir", DATA_DIR,
                "--profile-out", notAFolder.resolve("profile.json").toString());
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).contains("the folder for the profile", "it is a file, not a directory").doesNotContain("\tat ");
        assertThat(outcome.out()).doesNotContain("events written");

        Cli.Outcome directory = Cli.etl("process", "empty", "copy", "--data-dir", DATA_DIR, "--profile-out", dir.toString());
        assertThat(directory.exitCode()).isEqualTo(2);
        assertThat(directory.err()).contains("is a directory");
    }

    @Test
    void badReportOptionsAreUsageErrorsBeforeAnyRun(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("report.txt"), "x");
        Cli.Outcome outFile = Cli.etl("matrix", "empty", "copy", "--no-limit", "--data-dir", DATA_DIR, "--out", file.toString());
        assertThat(outFile.exitCode()).isEqualTo(2);
        assertThat(outFile.err().strip()).isEqualTo("etl: cannot use the report directory (" + file + "): it is a file, not a directory");
        for (String timeout : List.of("0", "-5")) {
            Cli.Outcome outcome = Cli.etl("matrix", "empty", "copy", "--data-dir", DATA_DIR, "--out", dir.resolve("m").toString(),
                    "--timeout", timeout);
            assertThat(outcome.exitCode()).as(timeout).isEqualTo(2);
            assertThat(outcome.err()).as(timeout).contains("--timeout must be at least 1 second");
        }
    }

    @Test
    void aMalformedProfileIsOneLineNamingTheProblem(@TempDir Path dir) throws IOException {
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"version\": 1,\n  \"oops\n");
        Cli.Outcome outcome = Cli.etl("compare", broken.toString());
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err().strip()).startsWith("etl: " + broken + " is not a readable profile: not valid JSON:")
                .contains("(line 2)").doesNotContain("\n");
    }

    @Test
    void aDataDirectoryThatCannotBeLockedSaysWhy(@TempDir Path dir) throws IOException {
        Path notADirectory = Files.writeString(dir.resolve("plain-file"), "x");
        Cli.Outcome outcome = Cli.etl("generate", "empty", "--data-dir", notADirectory.toString());
        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.err()).contains("etl: cannot lock data directory " + notADirectory + ": ")
                .contains("a file is in the way").doesNotContain("\tat ");
    }

    @Test
    void ctrlCWhilePsqlRunsBelongsToPsqlNotToEtlOrTheServer(@TempDir Path dir) throws Exception {
        assumeTrue(Psql.find().isPresent(), "psql is not installed");
        Path dataDir = Path.of("target", "interrupt-psql-etl");
        assertThat(Cli.etl("generate", "empty", "--data-dir", dataDir.toString()).exitCode()).isZero();
        Path out = dir.resolve("out.txt"), err = dir.resolve("err.txt");
        Process etl = childEtl("psql", "--data-dir", dataDir.toString(), "empty", "-c", "select pg_sleep(2)", "-c", "select 42 as answer")
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (!Files.readString(err, StandardCharsets.UTF_8).contains("Connected to") && etl.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(500); // psql is running its pg_sleep now
        new ProcessBuilder("kill", "-INT", Long.toString(etl.pid())).start().waitFor(); // what Ctrl-C sends etl
        assertThat(etl.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(etl.exitValue()).as("etl ignored the SIGINT and psql ran on").isZero();
        assertThat(Files.readString(out, StandardCharsets.UTF_8)).contains("42");
    }

    private static ProcessBuilder childEtl(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), EtlCommand.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    @Test
    void sigtermMidRunPrintsOneLineExits143AndLoadsNothing(@TempDir Path dir) throws Exception {
        Path dataDir = Path.of("target", "interrupt-etl");
        Path err = dir.resolve("err.txt");
        Process etl = childEtl("process", "medium", "flush-per-entity", "--data-dir", dataDir.toString(),
                "--profile-out", dir.resolve("p.json").toString())
                .redirectError(err.toFile()).redirectOutput(dir.resolve("out.txt").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (!Files.readString(err, StandardCharsets.UTF_8).contains("Prepared ") && etl.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        Thread.sleep(300); // well inside the load: flush-per-entity sends one INSERT per event
        etl.destroy(); // SIGTERM
        assertThat(etl.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        assertThat(etl.exitValue()).as(stderr).isEqualTo(143);
        assertThat(stderr).contains("etl: interrupted (SIGTERM): nothing was loaded").doesNotContain("\tat ")
                .doesNotContain("internal error");
        try (EmbeddedServer server = EmbeddedServer.start(dataDir, Durability.FAST, "inspect");
             Connection c = DriverManager.getConnection(server.database(Databases.runName("medium")).jdbcUrl(), "postgres", "");
             ResultSet rs = c.createStatement().executeQuery("select count(*) from dwh.response_events")) {
            rs.next();
            assertThat(rs.getLong(1)).isZero();
        }
    }
}
