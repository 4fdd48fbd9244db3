package org.etlworkshop.cli;

import org.etlworkshop.TestDatabase;
import org.etlworkshop.TestMariaDb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code etl transfer --from jdbc:mariadb://...} and {@code etl mariadb} as a user types them: output, exit codes, usage errors. */
class MariaDbCommandsTest {
    private static final String DATABASE = "etl_cli_test";

    @TempDir
    Path dir;

    private static String postgresUrl(String database) {
        return TestDatabase.server().database(database).jdbcUrl();
    }

    @Test
    void transferFromMariaDbCreatesTheTableAndSaysWhatItMoved() {
        String url = TestMariaDb.freshDatabase(DATABASE);
        TestMariaDb.execute(DATABASE, "CREATE TABLE people (id bigint unsigned, name varchar(40), born date, seen datetime(3))",
                "INSERT INTO people VALUES (1, 'Zoë', '1990-05-01', '2024-01-01 10:00:00.125'), (2, 'Ana', NULL, NULL)");
        createDatabase("etl_cli_target");

        Cli.Outcome outcome = Cli.etl("transfer", "--from", url, "--from-table", "people", "--to", postgresUrl("etl_cli_target"),
                "--table", "public.people_" + System.nanoTime() % 100000, "--create-table", "--rejects-dir", dir.toString());

        assertThat(outcome.exitCode()).as(outcome.all()).isZero();
        assertThat(outcome.out()).contains("transferred 2 rows from MySQL/MariaDB into public.people_", "(binary COPY, table created)",
                "columns          id numeric(20,0), name text, born date, seen timestamp with time zone", "rows rejected    0");
    }

    @Test
    void mariaDbUrlPrintsTheRunningServer() {
        String expected = TestMariaDb.server().jdbcUrl("etl");

        Cli.Outcome outcome = Cli.etl("mariadb", "url", "--mariadb-dir", TestMariaDb.DIR.toString());

        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.out().strip()).isEqualTo(expected);
        assertThat(Cli.etl("mariadb", "url", "--mariadb-dir", dir.toString()).err())
                .contains("no MariaDB is running from " + dir + "; start it with: etl mariadb start");
    }

    @Test
    void mysqlOptionsAreCheckedBeforeAnythingStarts() {
        String mariadb = "jdbc:mariadb://127.0.0.1:1/x";
        assertUsage(Cli.etl("transfer", "--from", mariadb, "--to", "small", "--table", "a.b"),
                "give the source's rows as --query SQL or --from-table [DB.]TABLE (one of them)");
        assertUsage(Cli.etl("transfer", "--from", mariadb, "--query", "select 1", "--from-table", "t", "--to", "small", "--table", "a.b"),
                "give the source's rows as --query SQL or --from-table [DB.]TABLE (one of them)");
        assertUsage(Cli.etl("transfer", "--from", mariadb, "--from-table", "t", "--to", "small", "--table", "a.b", "--zero-dates", "zero"),
                "unknown --zero-dates 'zero'; valid: reject, null");
        assertUsage(Cli.etl("transfer", "--from", mariadb, "--from-table", "t", "--to", "small", "--table", "a.b",
                "--source-time-zone", "Mars/Olympus"), "unknown --source-time-zone 'Mars/Olympus'; e.g. UTC, Europe/Paris, +02:00");
        assertUsage(Cli.etl("transfer", "--from", "small", "--query", "select 1", "--to", "medium", "--table", "a.b", "--create-table"),
                "apply to a MySQL or MariaDB source");
        assertUsage(Cli.etl("transfer", "--from", "small", "--to", "medium", "--table", "a.b"), "--query is required");
    }

    @Test
    void anUnreachableSourceIsOneLineAndExitOne() {
        Cli.Outcome outcome = Cli.etl("transfer", "--from", "jdbc:mariadb://127.0.0.1:1/x?user=root&password=secret", "--from-table", "t",
                "--to", postgresUrl("postgres"), "--table", "public.t");

        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.err()).startsWith("etl: cannot connect to the MySQL/MariaDB source: ").doesNotContain("secret");
        assertThat(outcome.err().strip().lines()).hasSize(1);
    }

    private static void assertUsage(Cli.Outcome outcome, String message) {
        assertThat(outcome.exitCode()).as(outcome.all()).isEqualTo(2);
        assertThat(outcome.err()).contains(message);
    }

    private static void createDatabase(String name) {
        if (TestDatabase.rows("postgres", "SELECT 1 FROM pg_database WHERE datname = '" + name + "'").isEmpty()) {
            try (Connection connection = TestDatabase.connect("postgres"); Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE " + name);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
