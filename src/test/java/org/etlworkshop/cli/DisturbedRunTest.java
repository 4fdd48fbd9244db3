package org.etlworkshop.cli;

import org.etlworkshop.report.Profile;
import org.etlworkshop.report.Profiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run that other processes compete with is marked disturbed: in its profile, in the summary,
 * in the matrix report, and re-run on request. The competition is real: busy shell loops, two per
 * CPU, outside this JVM and outside the server.
 */
class DisturbedRunTest {
    private static final String DATA_DIR = "target/cli-etl";
    private final List<Process> busy = new ArrayList<>();

    @TempDir
    Path dir;

    private void competeForEveryCpu() throws IOException {
        // Two per CPU: the scheduler shares the cores among runnable threads, so they take most of the machine.
        for (int i = 0; i < 2 * Runtime.getRuntime().availableProcessors(); i++) {
            busy.add(new ProcessBuilder("sh", "-c", "while :; do :; done").start());
        }
    }

    @AfterEach
    void stopCompeting() {
        busy.forEach(Process::destroyForcibly);
    }

    @Test
    void aRunWithBusyProcessesBesideItIsMarkedDisturbedAndWarned() throws IOException {
        Path profile = dir.resolve("busy.json");
        assertThat(Cli.etl("generate", "medium", "--data-dir", DATA_DIR).exitCode()).isZero();
        competeForEveryCpu();
        // chunked: a run of about a second here, long enough for /proc's 10 ms ticks to count the others
        Cli.Outcome outcome = Cli.etl("process", "medium", "chunked", "--data-dir", DATA_DIR, "--profile-out", profile.toString());
        assertThat(outcome.exitCode()).as(outcome.all()).isZero();
        Profile p = Profiles.read(profile);
        assertThat(p.interference()).as("measured on Linux").isNotNull();
        assertThat(p.interference().outsideCpuSeconds()).isPositive();
        assertThat(p.interference().disturbed()).as(p.interference().summary()).isTrue();
        assertThat(outcome.out()).contains("machine", "others used", "warning:             outside load was significant");
        assertThat(p.settling()).isNotNull();
        assertThat(p.version()).isEqualTo(Profile.VERSION);
    }

    @Test
    void matrixMarksADisturbedRunRetriesItAndKeepsANote() throws IOException {
        assertThat(Cli.etl("generate", "medium", "--data-dir", DATA_DIR).exitCode()).isZero();
        competeForEveryCpu();
        Path out = dir.resolve("matrix");
        Cli.Outcome outcome = Cli.etl("matrix", "medium", "copy", "--no-limit", "--retry-disturbed", "1",
                "--data-dir", DATA_DIR, "--out", out.toString());
        assertThat(outcome.exitCode()).as(outcome.all()).isZero();
        assertThat(outcome.all()).contains("DISTURBED", "was disturbed by other processes; running it again (1/1)",
                "note: copy round 1: disturbed by other processes (others used");
        String report = Files.readString(out.resolve("report.md"));
        assertThat(report).contains("DISTURBED", "How far to trust these numbers", "1 of 1");
    }
}
