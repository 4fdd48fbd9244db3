package org.etlworkshop.cli;

import org.etlworkshop.CitusTestCluster;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code etl import --workers 2} into tables of a real Citus cluster: a distributed table is loaded
 * through a colocated stage and published by one statement, all or nothing wherever the import is
 * killed (a child JVM stopped dead between any two of its steps); a kind of Citus table the design
 * cannot stage is refused with one line before anything loads.
 */
class DistributedImportTest {
    private static final int ROWS = 3_000;

    @TempDir
    Path dir;

    private static void sql(String... statements) throws Exception {
        try (Connection c = DriverManager.getConnection(CitusTestCluster.url(), "postgres", ""); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    private static long count(String sql) {
        return Long.parseLong(CitusTestCluster.rows("postgres", sql).get(0));
    }

    @BeforeEach
    void freshTables() throws Exception {
        CitusTestCluster.coordinator();
        sql("DROP TABLE IF EXISTS public.readings, public.readings_local CASCADE",
                "CREATE TABLE public.readings (sensor int, at int, value text, PRIMARY KEY (sensor, at))",
                "SELECT create_distributed_table('public.readings', 'sensor')",
                "CREATE TABLE public.readings_local (sensor int PRIMARY KEY, value text)",
                "SELECT citus_add_local_table_to_metadata('public.readings_local')");
    }

    private Path csv(boolean withDuplicate) throws Exception {
        StringBuilder text = new StringBuilder("sensor,at,value\n");
        for (int i = 0; i < ROWS; i++) {
            text.append(i % 97).append(',').append(i).append(",\"v ").append(i).append(", \"\"quoted\"\"\"\n");
        }
        if (withDuplicate) {
            text.append("5,5,again\n");
        }
        Path file = dir.resolve(withDuplicate ? "dup.csv" : "readings.csv");
        Files.writeString(file, text);
        return file;
    }

    /** {@code etl import} in a child JVM, stopped dead at {@code killAt} (none: runs to the end); returns its exit code. */
    private int importInChild(Path file, String killAt) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Detl.kill-at=" + killAt, "-cp", System.getProperty("java.class.path"), EtlCommand.class.getName(),
                "import", file.toString(), "public.readings", "--url", CitusTestCluster.url(), "--workers", "2"));
        Path log = dir.resolve("import-" + killAt + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).isTrue();
        return process.exitValue();
    }

    @Test
    void aParallelImportIntoADistributedTableIsAllOrNothingWhereverItIsKilled() throws Exception {
        Path file = csv(false);
        for (String step : List.of("import-stage-created", "import-worker-1-committed", "import-worker-2-committed", "import-published")) {
            assertThat(importInChild(file, step)).as("killed at " + step).isEqualTo(137);
            long rows = count("SELECT count(*) FROM public.readings");
            if (step.equals("import-published")) {
                assertThat(rows).as("killed after the publishing statement committed: all of it").isEqualTo(ROWS);
                sql("TRUNCATE public.readings");
            } else {
                assertThat(rows).as("killed at " + step + ": nothing").isZero();
            }
        }
        assertThat(importInChild(file, "none")).as(Files.readString(dir.resolve("import-none.log"))).isZero();
        assertThat(count("SELECT count(*) FROM public.readings")).isEqualTo(ROWS);
        assertThat(count("SELECT count(DISTINCT (sensor, at, value)) FROM public.readings")).isEqualTo(ROWS);
        assertThat(Files.readString(dir.resolve("import-none.log"))).doesNotContain("2PC", "PREPARE");
        assertThat(count("SELECT count(*) FROM pg_class WHERE relname LIKE 'readings\\_etl\\_import\\_%' AND relkind = 'r'"))
                .as("the stages killed imports left were dropped by the next one").isZero();
    }

    @Test
    void aDuplicateWithinTheImportIsAnOrdinaryRejectAndTheRestLoadsOnce() throws Exception {
        Path file = csv(true);
        Cli.Outcome outcome = Cli.etl("import", file.toString(), "public.readings", "--url", CitusTestCluster.url(), "--workers", "2",
                "--max-rejects", "1", "--rejects-dir", dir.toString());
        assertThat(outcome.exitCode()).as(outcome.all()).isZero();
        assertThat(count("SELECT count(*) FROM public.readings")).isEqualTo(ROWS);
        assertThat(Files.readString(dir.resolve("dup.csv.rejects"))).isEqualTo("5,5,again\n");
    }

    @Test
    void aCitusTableTheStageCannotStandForIsRefusedInOneLineBeforeAnythingLoads() throws Exception {
        Path file = dir.resolve("local.csv");
        Files.writeString(file, "sensor,value\n1,a\n2,b\n");
        Cli.Outcome outcome = Cli.etl("import", file.toString(), "public.readings_local", "--url", CitusTestCluster.url(),
                "--workers", "2");
        assertThat(outcome.exitCode()).as(outcome.all()).isEqualTo(2);
        assertThat(outcome.err().lines().filter(line -> line.startsWith("etl:")).toList()).as(outcome.err()).singleElement()
                .asString().contains("readings_local", "Citus local table", "leave out --workers");
        assertThat(outcome.err()).doesNotContain("Exception", "\tat ");
        assertThat(count("SELECT count(*) FROM public.readings_local")).isZero();
    }
}
