package org.etlworkshop.cli;

import org.etlworkshop.db.Databases;
import org.etlworkshop.db.Durability;
import org.etlworkshop.db.EmbeddedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A checkpointed staged run killed with SIGKILL (a real child JVM, not an exception) at random
 * points, publish step included, and then resumed, leaves the same warehouse as a run never
 * interrupted; the live table never shows part of a run.
 */
class KilledRunTest {
    private static final Path DATA_DIR = Path.of("target", "killed-etl");

    @TempDir
    Path dir;

    private static Process etl(Path log, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), EtlCommand.class.getName()));
        command.addAll(List.of(args));
        command.addAll(List.of("--data-dir", DATA_DIR.toString()));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static int finish(Process process) throws Exception {
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return process.exitValue();
    }

    /** The live events without ids and processed_on, sorted, and how many stage or old tables remain. */
    private static List<String> warehouse() throws Exception {
        try (EmbeddedServer server = EmbeddedServer.start(DATA_DIR, Durability.FAST, "inspect");
             Connection c = DriverManager.getConnection(server.database(Databases.runName("medium")).jdbcUrl(), "postgres", "");
             Statement s = c.createStatement()) {
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT concat_ws('|', submission_id, schema_path, value, answer_type, user_full_name) "
                    + "FROM dwh.response_events ORDER BY 1")) {
                while (rs.next()) {
                    rows.add(rs.getString(1));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM dwh.rejected_submissions")) {
                rs.next();
                rows.add("rejected submissions: " + rs.getLong(1));
            }
            return rows;
        }
    }

    @Test
    void aRunKilledAtRandomPointsAndResumedEqualsOneNeverInterrupted() throws Exception {
        long seed = Long.getLong("etl.seed", System.nanoTime());
        Random random = new Random(seed);
        assertThat(finish(etl(dir.resolve("generate.log"), "generate", "medium"))).isZero();
        Process first = etl(dir.resolve("first.log"), "process", "medium", "copy", "--publish", "staged",
                "--profile-out", dir.resolve("first.json").toString());
        long start = System.nanoTime();
        assertThat(finish(first)).as(Files.readString(dir.resolve("first.log"))).isZero();
        long runMillis = (System.nanoTime() - start) / 1_000_000;

        for (int attempt = 0; attempt < 3; attempt++) {
            // the source changes, so the run to kill has other contents to publish than the live table holds
            assertThat(finish(etl(dir.resolve("change-" + attempt + ".log"), "generate", "medium", "--append", "15", "--edit", "10")))
                    .isZero();
            List<String> old = warehouse();
            // from when the run has started to just past its end: chunks, the publish step, after it
            long killAt = (long) ((0.3 + 0.8 * random.nextDouble()) * runMillis);
            // one stream, or two workers of either design: all checkpoint the same chunks, so any resumes any
            List<String> killedArgs = new ArrayList<>(List.of("process", "medium", "copy", "--checkpoint-every", "25",
                    "--profile-out", dir.resolve("killed-" + attempt + ".json").toString()));
            String design = List.of("one stream", "partitions", "queue").get(random.nextInt(3));
            if (!design.equals("one stream")) {
                killedArgs.addAll(List.of("--workers", "2", "--workers-design", design));
            }
            Process killed = etl(dir.resolve("killed-" + attempt + ".log"), killedArgs.toArray(String[]::new));
            Thread.sleep(killAt);
            killed.destroyForcibly(); // SIGKILL: no shutdown hook, no rollback by us
            killed.waitFor(1, TimeUnit.MINUTES);
            List<String> seen = warehouse();

            Path resumedLog = dir.resolve("resumed-" + attempt + ".log");
            int code = finish(etl(resumedLog, "process", "medium", "copy", "--resume",
                    "--profile-out", dir.resolve("resumed-" + attempt + ".json").toString()));
            String out = Files.readString(resumedLog);
            assertThat(code == 0 || out.contains("nothing to resume")).as("seed " + seed + ": " + out).isTrue();
            List<String> resumed = warehouse();

            Path againLog = dir.resolve("uninterrupted-" + attempt + ".log");
            assertThat(finish(etl(againLog, "process", "medium", "copy", "--publish", "staged",
                    "--profile-out", dir.resolve("uninterrupted-" + attempt + ".json").toString()))).isZero();
            List<String> uninterrupted = warehouse();
            assertThat(uninterrupted).as("the change made a difference").isNotEqualTo(old);
            assertThat(seen).as("seed " + seed + ", " + design + " killed at " + killAt + " ms: the live table held a whole run, never part of one")
                    .isIn(old, uninterrupted);
            if (out.contains("nothing to resume")) { // killed before its run began, or after it published
                assertThat(resumed).as("seed " + seed + ", killed at " + killAt + " ms").isIn(old, uninterrupted);
            } else {
                assertThat(resumed).as("seed " + seed + ", " + design + " killed at " + killAt + " ms, then resumed").isEqualTo(uninterrupted);
            }
        }
    }
}
