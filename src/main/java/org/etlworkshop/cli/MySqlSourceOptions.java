package org.etlworkshop.cli;

import com.zaxxer.hikari.HikariDataSource;
import org.etlworkshop.UsageException;
import org.etlworkshop.db.ConnectionInfo;
import org.etlworkshop.db.Pools;
import org.etlworkshop.move.MySqlTransfer;
import org.etlworkshop.report.Units;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code etl transfer}'s options for a MySQL or MariaDB source ({@code --from jdbc:mariadb://...} or {@code jdbc:mysql://}). */
final class MySqlSourceOptions {
    @Option(names = "--from-table", paramLabel = "[DB.]TABLE", description = "MySQL/MariaDB source: move this table "
            + "(instead of --query).")
    String fromTable;

    @Option(names = "--create-table", description = "MySQL/MariaDB source: create the destination table from the source's "
            + "columns, typed by the type table (docs/moving-data.md, \"MySQL and MariaDB as a source\"); it must not exist.")
    boolean createTable;

    @Option(names = "--max-rejects", paramLabel = "N", description = "MySQL/MariaDB source: rows with a value PostgreSQL "
            + "cannot hold (a zero date, NUL in text, ...) to set aside before the transfer fails (default: 0).")
    Long maxRejects;

    @Option(names = "--rejects-dir", paramLabel = "DIR", description = "MySQL/MariaDB source: where TABLE.rejects and "
            + "TABLE.rejects.log are written (default: the current directory).")
    Path rejectsDir;

    @Option(names = "--zero-dates", paramLabel = "reject|null", description = "MySQL/MariaDB source: what a zero date "
            + "(0000-00-00, or a zero month or day) becomes: a reject (default) or NULL.")
    String zeroDates;

    @Option(names = "--source-time-zone", paramLabel = "ZONE", description = "MySQL/MariaDB source: the zone a DATETIME "
            + "(which has none) is read in, e.g. Europe/Paris or +02:00 (default: UTC). A TIMESTAMP is the instant it is.")
    String sourceTimeZone;

    @Option(names = "--retained-heap", description = "MySQL/MariaDB source: measure the live heap after a full GC once "
            + "the last row is read.")
    boolean retainedHeap;

    /** Before anything starts: the options that fit the source, --query or --from-table. */
    void check(boolean mysqlSource, String query) {
        if (!mysqlSource) {
            refuseForPostgresSource(query);
            return;
        }
        if ((query == null) == (fromTable == null)) {
            throw new UsageException("give the source's rows as --query SQL or --from-table [DB.]TABLE (one of them)");
        }
        if (maxRejects != null && maxRejects < 0) {
            throw new UsageException("--max-rejects must be 0 or more");
        }
        zeroDatesAsNull();
        zone();
    }

    /** Moves the rows, then prints what happened. */
    void run(String from, String query, ConnectionInfo destination, String table, boolean replace) {
        if (createTable && replace) {
            throw new UsageException("--create-table makes a new table: --replace has nothing to empty");
        }
        boolean append = !replace;
        MySqlTransfer.Options options = new MySqlTransfer.Options(query, fromTable, append, createTable,
                maxRejects == null ? 0 : maxRejects, rejectsDir == null ? Path.of(".") : rejectsDir, zeroDatesAsNull(), zone(),
                retainedHeap);
        MySqlTransfer.Result r;
        try (HikariDataSource pool = Pools.open(destination, 1, Map.of())) {
            r = MySqlTransfer.run(from, pool, table, options);
        }
        Console.line(String.format("transferred %,d rows from MySQL/MariaDB into %s (binary COPY, %s) in %s: %,.0f rows/s",
                r.rows(), r.table(), r.created() ? "table created" : append ? "appended" : "contents replaced",
                Units.seconds(r.elapsed()), r.rowsPerSecond()));
        List<String> columns = new ArrayList<>();
        for (int i = 0; i < r.columns().size(); i++) {
            columns.add(r.columns().get(i) + " " + r.types().get(i));
        }
        Console.line(String.format("  %-16s %s", "columns", String.join(", ", columns)));
        Console.line(String.format("  %-16s %,d%s", "rows rejected", r.rejected(),
                r.rejectsFile().map(f -> " (rows in " + f + ", reasons in " + r.rejectsLog().orElseThrow() + ")").orElse("")));
        r.retainedHeap().ifPresent(bytes -> Console.line(String.format("  %-16s %s (live, after a full GC)", "heap at end",
                Units.mib(bytes))));
    }

    /** A PostgreSQL source: --query is needed, and none of these options applies. */
    private void refuseForPostgresSource(String query) {
        boolean any = fromTable != null || createTable || maxRejects != null || rejectsDir != null || zeroDates != null
                || sourceTimeZone != null || retainedHeap;
        if (any) {
            throw new UsageException("--from-table, --create-table, --max-rejects, --rejects-dir, --zero-dates, "
                    + "--source-time-zone and --retained-heap apply to a MySQL or MariaDB source (--from jdbc:mariadb://... "
                    + "or jdbc:mysql://...)");
        }
        if (query == null) {
            throw new UsageException("--query is required: the SQL whose result moves");
        }
    }

    private boolean zeroDatesAsNull() {
        if (zeroDates == null || zeroDates.equals("reject")) {
            return false;
        }
        if (zeroDates.equals("null")) {
            return true;
        }
        throw new UsageException("unknown --zero-dates '" + zeroDates + "'; valid: reject, null");
    }

    private ZoneId zone() {
        try {
            return ZoneId.of(sourceTimeZone == null ? "UTC" : sourceTimeZone);
        } catch (DateTimeException e) {
            throw new UsageException("unknown --source-time-zone '" + sourceTimeZone + "'; e.g. UTC, Europe/Paris, +02:00");
        }
    }
}
