package org.etlworkshop.cli;

import org.etlworkshop.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** import, export and transfer as a user runs them: defaults that never delete unasked, and no secret left behind. */
class MovingCommandsTest {
    private static final String DATABASE = "etl_cli_move_test";
    private static final String DATA_DIR = "target/cli-etl";
    private static String url;

    @BeforeAll
    static void database() throws SQLException {
        try (Connection c = DriverManager.getConnection(TestDatabase.server().maintenance().jdbcUrl(), "postgres", "");
             Statement s = c.createStatement()) {
            if (!s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'").next()) {
                s.execute("CREATE DATABASE " + DATABASE);
            }
        }
        url = TestDatabase.server().database(DATABASE).jdbcUrl();
    }

    private static void execute(String... sql) throws SQLException {
        try (Connection c = TestDatabase.connect(DATABASE); Statement s = c.createStatement()) {
            for (String statement : sql) {
                s.execute(statement);
            }
        }
    }

    @Test
    void transferAddsToTheDestinationUnlessToldToReplaceLikeImport() throws SQLException {
        execute("DROP TABLE IF EXISTS public.dest", "CREATE TABLE public.dest (id int PRIMARY KEY)", "INSERT INTO public.dest VALUES (1)");
        Cli.Outcome appended = Cli.etl("transfer", "--from", url, "--query", "SELECT 2 AS id", "--to", url, "--table", "public.dest",
                "--user", "postgres");
        assertThat(appended.exitCode()).as(appended.err()).isZero();
        assertThat(appended.out()).contains("appended");
        assertThat(TestDatabase.rows(DATABASE, "SELECT id FROM public.dest ORDER BY id")).containsExactly("1", "2");

        Cli.Outcome replaced = Cli.etl("transfer", "--from", url, "--query", "SELECT 3 AS id", "--to", url, "--table", "public.dest",
                "--user", "postgres", "--replace");
        assertThat(replaced.exitCode()).as(replaced.err()).isZero();
        assertThat(TestDatabase.rows(DATABASE, "SELECT id FROM public.dest ORDER BY id")).containsExactly("3");

        assertThat(Cli.etl("transfer", "--help").out()).contains("--replace").contains("Nothing is deleted unless you ask");
        assertThat(Cli.etl("import", "--help").out()).contains("nothing in it is ever deleted");
    }

    @Test
    void exportGzipsWhenTheNameEndsWithGzUnlessToldOtherwise(@TempDir Path dir) throws SQLException, IOException {
        execute("DROP TABLE IF EXISTS public.small", "CREATE TABLE public.small (id int)", "INSERT INTO public.small VALUES (7)");
        Path byName = dir.resolve("rows.csv.gz");
        Cli.Outcome outcome = Cli.etl("export", "public.small", "--url", url, "--to", byName.toString());
        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        assertThat(outcome.err()).contains("gzip");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(byName))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("id\n7\n");
        }
        Path plain = dir.resolve("plain.csv.gz");
        assertThat(Cli.etl("export", "public.small", "--url", url, "--to", plain.toString(), "--no-gzip").exitCode()).isZero();
        assertThat(plain).content().isEqualTo("id\n7\n");
        Path asked = dir.resolve("asked.csv");
        assertThat(Cli.etl("export", "public.small", "--url", url, "--to", asked.toString(), "--gzip").exitCode()).isZero();
        assertThat(Files.readAllBytes(asked)).startsWith((byte) 0x1f, (byte) 0x8b);
    }

    @Test
    void theLockFileHoldsTheCommandsNameNotAPresignedUrl() throws IOException {
        Cli.Outcome outcome = Cli.etl("import", "http://127.0.0.1:9/bucket/x.csv?X-Amz-Signature=secret-signature",
                "public.t", "--data-dir", DATA_DIR);
        assertThat(outcome.exitCode()).as("no database named: a usage error once the data directory is locked").isEqualTo(2);
        assertThat(outcome.all()).doesNotContain("secret-signature");
        String lock = Files.readString(Path.of(DATA_DIR, "etl.lock"));
        assertThat(lock).contains("etl import").doesNotContain("secret-signature").doesNotContain("X-Amz");
    }
}
