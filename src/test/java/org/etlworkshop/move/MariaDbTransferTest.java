package org.etlworkshop.move;

import com.zaxxer.hikari.HikariDataSource;
import org.etlworkshop.EtlException;
import org.etlworkshop.TestDatabase;
import org.etlworkshop.TestMariaDb;
import org.etlworkshop.UsageException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.StringJoiner;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code etl transfer} from MariaDB, beyond the values themselves ({@link MariaDbEveryTypeTest}):
 * rejects and their files, zero dates, time zones, all or nothing, the checks made before anything
 * moves, streaming in bounded memory, and a source that fails mid-way.
 */
class MariaDbTransferTest {
    private static final String DATABASE = "etl_transfer_test";
    private static String url;
    private static HikariDataSource postgres;

    @TempDir
    Path dir;

    @BeforeAll
    static void databases() {
        url = TestMariaDb.freshDatabase(DATABASE);
        postgres = MoveDatabase.pool();
    }

    @AfterAll
    static void close() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @BeforeEach
    void emptySchemas() {
        MoveDatabase.execute("DROP SCHEMA IF EXISTS mt CASCADE", "CREATE SCHEMA mt");
    }

    private MySqlTransfer.Result transfer(String table, String source, long maxRejects, boolean zeroDatesAsNull, ZoneId zone) {
        boolean query = source.toLowerCase().startsWith("select");
        return MySqlTransfer.run(url, postgres, table, new MySqlTransfer.Options(query ? source : null, query ? null : source,
                false, true, maxRejects, dir, zeroDatesAsNull, zone, false));
    }

    /** Rows of PostgreSQL, times shown in UTC, columns joined by '|'. */
    private static List<String> pg(String sql) {
        try (Connection connection = TestDatabase.connect(MoveDatabase.NAME); Statement statement = connection.createStatement()) {
            statement.execute("SET TimeZone = 'UTC'");
            try (ResultSet rs = statement.executeQuery(sql)) {
                List<String> rows = new ArrayList<>();
                while (rs.next()) {
                    StringJoiner row = new StringJoiner("|");
                    for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
                        row.add(String.valueOf(rs.getString(c)));
                    }
                    rows.add(row.toString());
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    @Test
    void zeroDatesAreRejectsWithTheirRowColumnValueAndReason() throws Exception {
        TestMariaDb.execute(DATABASE, "DROP TABLE IF EXISTS dates",
                "CREATE TABLE dates (id int, da date, dt datetime, note varchar(20))",
                "SET SESSION sql_mode = ''",
                "INSERT INTO dates VALUES (1, '2024-02-29', '2024-02-29 10:00:00', 'good'), (2, '0000-00-00', '2024-01-01 00:00:00', 'zero\\tdate'),"
                        + " (3, '2024-01-01', '0000-00-00 00:00:00', NULL), (4, '2020-00-15', '2024-01-01 00:00:00', 'zero month'),"
                        + " (5, '2024-12-31', '2024-12-31 23:59:59', 'good')");

        MySqlTransfer.Result result = transfer("mt.dates", "dates", 10, false, ZoneOffset.UTC);

        assertThat(result.rows()).isEqualTo(2);
        assertThat(result.rejected()).isEqualTo(3);
        assertThat(pg("SELECT id, da, dt FROM mt.dates ORDER BY id"))
                .containsExactly("1|2024-02-29|2024-02-29 10:00:00+00", "5|2024-12-31|2024-12-31 23:59:59+00");
        assertThat(Files.readAllLines(result.rejectsFile().orElseThrow())).containsExactly(
                "2\t0000-00-00\t2024-01-01 00:00:00\tzero\\tdate", "3\t2024-01-01\t0000-00-00 00:00:00\t\\N",
                "4\t2020-00-15\t2024-01-01 00:00:00\tzero month");
        assertThat(Files.readAllLines(result.rejectsLog().orElseThrow())).containsExactly(
                "row 2: column da, value '0000-00-00': a zero date, which PostgreSQL has no value for (--zero-dates null loads it as NULL)",
                "row 3: column dt, value '0000-00-00 00:00:00': a zero date, which PostgreSQL has no value for (--zero-dates null loads it as NULL)",
                "row 4: column da, value '2020-00-15': a date with a zero month or day, which PostgreSQL has no value for "
                        + "(--zero-dates null loads it as NULL)");
    }

    @Test
    void zeroDatesLoadAsNullWhenAsked() {
        TestMariaDb.execute(DATABASE, "DROP TABLE IF EXISTS zero", "CREATE TABLE zero (id int, da date, ts timestamp null)",
                "SET SESSION sql_mode = ''", "INSERT INTO zero VALUES (1, '0000-00-00', '0000-00-00 00:00:00'), (2, '2024-01-01', NULL)");

        MySqlTransfer.Result result = transfer("mt.zero", "zero", 0, true, ZoneOffset.UTC);

        assertThat(result.rejected()).isZero();
        assertThat(pg("SELECT id, da, ts FROM mt.zero ORDER BY id")).containsExactly("1|null|null", "2|2024-01-01|null");
    }

    @Test
    void valuesPostgresCannotHoldAreRejectedAndTheRestLoads() throws Exception {
        TestMariaDb.execute(DATABASE, "DROP TABLE IF EXISTS odd", "CREATE TABLE odd (id int, flag tinyint(1), t text, j json)",
                "INSERT INTO odd VALUES (1, 1, 'fine', '{\"a\": \"\\\\u00e9\"}'), (2, 2, 'flag', NULL), (3, 0, CONCAT('nul', CHAR(0), 'here'), NULL),"
                        + " (4, NULL, NULL, '{\"a\": \"\\\\u0000\"}'), (5, 0, 'escaped', '[\"\\\\\\\\u0000\"]')");

        MySqlTransfer.Result result = transfer("mt.odd", "odd", 10, false, ZoneOffset.UTC);

        assertThat(pg("SELECT id, flag, t, j FROM mt.odd ORDER BY id")).containsExactly("1|t|fine|{\"a\": \"é\"}", "5|f|escaped|[\"\\\\u0000\"]");
        assertThat(Files.readAllLines(result.rejectsLog().orElseThrow())).containsExactly(
                "row 2: column flag, value '2': tinyint(1) holding 2 is not a boolean (cast it in --query to keep the number)",
                "row 3: column t, value 'nul\\0here': PostgreSQL text cannot contain the NUL character (U+0000)",
                "row 4: column j, value '{\"a\": \"\\\\u0000\"}': PostgreSQL jsonb cannot hold \\u0000");
        assertThat(Files.readAllLines(result.rejectsFile().orElseThrow())).contains("3\t0\tnul\\0here\t\\N");
    }

    @Test
    void oneRejectMoreThanAllowedMidStreamLeavesTheDestinationAsItWas() {
        TestMariaDb.execute(DATABASE, "DROP TABLE IF EXISTS many", "CREATE TABLE many (id int, da date)", "SET SESSION sql_mode = ''",
                "INSERT INTO many SELECT seq, IF(seq = 30000, '0000-00-00', '2024-01-01') FROM seq_1_to_40000");
        MoveDatabase.execute("CREATE TABLE mt.many (id integer, da date)", "INSERT INTO mt.many VALUES (-1, '1999-12-31')");

        assertThatThrownBy(() -> MySqlTransfer.run(url, postgres, "mt.many", new MySqlTransfer.Options(null, "many", false, false, 0, dir,
                false, ZoneOffset.UTC, false)))
                .isInstanceOf(EtlException.class)
                .hasMessage("row 30000 was rejected (column da, value '0000-00-00': a zero date, which PostgreSQL has no value for "
                        + "(--zero-dates null loads it as NULL)), more than --max-rejects 0 allows; the destination is as it was (rolled back)");
        assertThat(pg("SELECT id, da FROM mt.many")).containsExactly("-1|1999-12-31");
    }

    @Test
    void aSourceFailingMidStreamLeavesTheDestinationAsItWas() {
        MoveDatabase.execute("CREATE TABLE mt.failing (id bigint, x bigint)", "INSERT INTO mt.failing VALUES (-1, -1)");

        // the subquery returns two rows only from id 20000 on: the server fails there, after sending the rows before it
        assertThatThrownBy(() -> MySqlTransfer.run(url, postgres, "mt.failing", new MySqlTransfer.Options(
                "SELECT CAST(seq AS SIGNED) AS id, CAST(IF(seq < 20000, seq, (SELECT 1 UNION SELECT 2)) AS SIGNED) AS x FROM seq_1_to_30000", null, false, false, 0, dir,
                false, ZoneOffset.UTC, false)))
                .isInstanceOf(EtlException.class)
                .hasMessageContaining("Subquery returns more than 1 row")
                .hasMessageEndingWith("the destination is as it was (rolled back)");
        assertThat(pg("SELECT id, x FROM mt.failing")).containsExactly("-1|-1");
    }

    @Test
    void aDatetimeIsReadInTheSourceTimeZoneAndATimestampIsItsInstant() throws Exception {
        TestMariaDb.execute(DATABASE, "DROP TABLE IF EXISTS zones", "CREATE TABLE zones (id int, dt datetime(6), ts timestamp(6) null)",
                "SET time_zone = '+05:00'", // a TIMESTAMP is written in the session's zone and stored as its instant
                "INSERT INTO zones VALUES (1, '2024-01-15 12:00:00', '2024-01-15 12:00:00'), (2, '2024-07-15 12:00:00.5', NULL),"
                        + " (3, '2024-03-31 02:30:00', NULL), (4, '2024-10-27 02:30:00', NULL)");

        MySqlTransfer.Result result = transfer("mt.zones", "zones", 5, false, ZoneId.of("Europe/Paris"));

        assertThat(pg("SELECT id, dt, ts FROM mt.zones ORDER BY id")).containsExactly(
                "1|2024-01-15 11:00:00+00|2024-01-15 07:00:00+00", // Paris is +01:00 in winter; the timestamp was 12:00 at +05:00
                "2|2024-07-15 10:00:00.5+00|null",                 // +02:00 in summer
                "4|2024-10-27 00:30:00+00|null");                  // 02:30 happens twice that night: the first (+02:00)
        assertThat(Files.readAllLines(result.rejectsLog().orElseThrow())).containsExactly(
                "row 3: column dt, value '2024-03-31 02:30:00.000000': this wall-clock time does not exist in Europe/Paris "
                        + "(the clocks skipped it)");
    }

    @Test
    void anExistingTableMustHaveTheMappedTypesAndIsCheckedBeforeAnythingMoves() {
        TestMariaDb.execute(DATABASE, "DROP TABLE IF EXISTS typed", "CREATE TABLE typed (id bigint unsigned, name varchar(10), amount decimal(8,2))",
                "INSERT INTO typed VALUES (18446744073709551615, 'x', 1.25)");
        MoveDatabase.execute("CREATE TABLE mt.typed (id bigint, name text, amount numeric(8,2))", "INSERT INTO mt.typed VALUES (1, 'kept', 0)");

        assertThatThrownBy(() -> MySqlTransfer.run(url, postgres, "mt.typed", new MySqlTransfer.Options(null, "typed", false, false, 0, dir,
                false, ZoneOffset.UTC, false)))
                .isInstanceOf(UsageException.class)
                .hasMessage("the source's columns do not fit mt.typed: id is bigint (the source's values are numeric(20,0)); change the "
                        + "columns, cast in --query, or use --create-table on a new table; nothing was moved");
        assertThat(pg("SELECT * FROM mt.typed")).containsExactly("1|kept|0.00");

        // varchar takes text, and an unconstrained numeric any numeric: nothing is rounded or cut silently
        MoveDatabase.execute("DROP TABLE mt.typed", "CREATE TABLE mt.typed (id numeric, name varchar(10), amount numeric(8,2), extra text)");
        MySqlTransfer.run(url, postgres, "mt.typed", new MySqlTransfer.Options(null, "typed", false, false, 0, dir, false, ZoneOffset.UTC, false));
        assertThat(pg("SELECT * FROM mt.typed")).containsExactly("18446744073709551615|x|1.25|null");

        MySqlTransfer.run(url, postgres, "mt.typed", new MySqlTransfer.Options(null, "typed", true, false, 0, dir, false, ZoneOffset.UTC, false));
        assertThat(pg("SELECT count(*) FROM mt.typed")).as("--append adds, replace empties first").containsExactly("2");
    }

    @Test
    void createTableRefusesATableThatExists() {
        TestMariaDb.execute(DATABASE, "DROP TABLE IF EXISTS small", "CREATE TABLE small (id int)", "INSERT INTO small VALUES (1)");
        MoveDatabase.execute("CREATE TABLE mt.small (id integer)");

        assertThatThrownBy(() -> transfer("mt.small", "small", 0, false, ZoneOffset.UTC))
                .isInstanceOf(UsageException.class)
                .hasMessage("mt.small already exists: leave out --create-table to load into it, or drop it first");
        assertThat(pg("SELECT count(*) FROM mt.small")).containsExactly("0");
    }

    @Test
    void aTypeWithoutAMappingIsRefusedNamingItAndTheMappedOnes() {
        TestMariaDb.execute(DATABASE, "DROP TABLE IF EXISTS shapes", "CREATE TABLE shapes (id int, p point)", "INSERT INTO shapes VALUES (1, POINT(1, 2))");

        assertThatThrownBy(() -> transfer("mt.shapes", "shapes", 0, false, ZoneOffset.UTC))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("column p is of type ")
                .hasMessageContaining("which etl transfer does not map to a PostgreSQL type; cast it in --query")
                .hasMessageContaining("Mapped: tinyint(1), tinyint, ");
        assertThat(pg("SELECT count(*) FROM pg_tables WHERE schemaname = 'mt'")).containsExactly("0");

        MySqlTransfer.Result cast = transfer("mt.shapes", "SELECT id, ST_AsText(p) AS p FROM shapes", 0, false, ZoneOffset.UTC);
        assertThat(cast.rows()).isEqualTo(1);
        assertThat(pg("SELECT p FROM mt.shapes")).containsExactly("POINT(1 2)");
    }

    @Test
    void aJdbcMysqlUrlReadsTheSameServer() {
        TestMariaDb.execute(DATABASE, "DROP TABLE IF EXISTS via", "CREATE TABLE via (id int)", "INSERT INTO via VALUES (1), (2)");

        MySqlTransfer.Result result = MySqlTransfer.run(url.replace("jdbc:mariadb:", "jdbc:mysql:"), postgres, "mt.via",
                new MySqlTransfer.Options(null, "via", false, true, 0, dir, false, ZoneOffset.UTC, false));

        assertThat(result.rows()).isEqualTo(2);
    }

    @Test
    void theQueryRunsInAReadOnlyTransactionAsOneStatement() {
        TestMariaDb.execute(DATABASE, "DROP TABLE IF EXISTS victim", "CREATE TABLE victim (id int)", "INSERT INTO victim VALUES (1), (2)");

        // even where the URL asks for the text protocol and several statements per query
        String permissive = url + "&useServerPrepStmts=false&allowMultiQueries=true";
        assertThatThrownBy(() -> MySqlTransfer.run(permissive, postgres, "mt.victim", new MySqlTransfer.Options(
                "SELECT id FROM victim; DELETE FROM victim", null, false, true, 0, dir, false, ZoneOffset.UTC, false)))
                .isInstanceOf(EtlException.class);
        assertThatThrownBy(() -> MySqlTransfer.run(url, postgres, "mt.victim", new MySqlTransfer.Options(
                "DELETE FROM victim", null, false, true, 0, dir, false, ZoneOffset.UTC, false)))
                .isInstanceOf(EtlException.class);
        assertThat(TestMariaDb.count(DATABASE, "SELECT count(*) FROM victim")).isEqualTo(2);
    }

    @Test
    void rowsAreStreamedSoMemoryDoesNotGrowWithTheTable() {
        TestMariaDb.execute(DATABASE, "DROP TABLE IF EXISTS wide",
                "CREATE TABLE wide AS SELECT seq AS id, REPEAT('wide row ', 400) AS body FROM seq_1_to_40000");
        long[] retained = new long[2];
        int[] sizes = {4_000, 40_000};
        for (int i = 0; i < 2; i++) {
            MoveDatabase.execute("DROP TABLE IF EXISTS mt.wide");
            MySqlTransfer.Result result = MySqlTransfer.run(url, postgres, "mt.wide", new MySqlTransfer.Options(
                    "SELECT id, body FROM wide WHERE id <= " + sizes[i], null, false, true, 0, dir, false, ZoneOffset.UTC, true));
            assertThat(result.rows()).isEqualTo(sizes[i]);
            retained[i] = result.retainedHeap().orElseThrow();
        }
        // 36,000 more rows of 3.6 KB would be over 120 MiB as Java strings if the driver kept the result
        assertThat(retained[1] - retained[0]).as("live heap at the last row, 40k rows minus 4k rows").isLessThan(16L << 20);
    }
}
