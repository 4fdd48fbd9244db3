package org.etlworkshop.cli;

import com.zaxxer.hikari.HikariDataSource;
import org.etlworkshop.UsageException;
import org.etlworkshop.db.ConnectionInfo;
import org.etlworkshop.db.Pools;
import org.etlworkshop.db.PostgresServer;
import org.etlworkshop.move.MySqlTransfer;
import org.etlworkshop.move.Transfer;
import org.etlworkshop.report.Units;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

@Command(name = "transfer", mixinStandardHelpOptions = true,
        description = {"Move a query's result from one database into a table of another, both running at once: the "
                + "source's COPY TO STDOUT feeds the destination's COPY FROM STDIN through a bounded in-memory pipe (no "
                + "temporary file). Binary when the column types match, text otherwise. Names and types are checked "
                + "before anything moves; the rows are added to the destination table in one transaction, committed only "
                + "when the row counts agree. Nothing is deleted unless you ask: --replace empties the table first (in "
                + "the same transaction), as etl import never does.",
                "Example: etl transfer --from large --query 'select * from dwh.response_events' --to medium "
                        + "--table dwh.response_events",
                "--from and --to take a scenario (its database on the embedded server, or on --url's) or a "
                        + "jdbc:postgresql:// URL; --from also a jdbc:mariadb:// or jdbc:mysql:// URL (a MySQL or MariaDB "
                        + "source: --query or --from-table, values converted by the type table of docs/moving-data.md, binary COPY)."})
final class TransferCommand implements Runnable {
    @Option(names = "--from", required = true, paramLabel = "SCENARIO|JDBC_URL", description = "Where the query runs.")
    String from;

    @Option(names = "--query", paramLabel = "SQL", description = "What to move (required, except with --from-table).")
    String query;

    @Option(names = "--to", required = true, paramLabel = "SCENARIO|JDBC_URL", description = "Where the table is.")
    String to;

    @Option(names = "--table", required = true, paramLabel = "SCHEMA.TABLE", description = "The destination table; it must exist "
            + "(with --create-table, it must not).")
    String table;

    @Option(names = {"--replace", "--truncate"}, description = "Empty the destination table first (TRUNCATE, in the same "
            + "transaction: if the transfer fails, the old rows stay). Default: add the rows to what is there.")
    boolean replace;

    @Option(names = "--append", description = "Add the rows to what is there: the default, accepted for older scripts.")
    boolean append;

    @Mixin
    ServerOptions server;

    @Mixin
    MySqlSourceOptions mysql;

    @Override
    public void run() {
        if (replace && append) {
            throw new UsageException("--replace and --append contradict each other: give one (the default appends)");
        }
        mysql.check(MySqlTransfer.handles(from), query);
        List<PostgresServer> started = new ArrayList<>();
        try {
            PostgresServer scenarios = needsScenarioServer() ? started(started, server.start("etl transfer")) : null;
            if (scenarios != null) {
                ServerLine.print(scenarios);
            }
            if (MySqlTransfer.handles(from)) { // MySQL or MariaDB: read through Connector/J, typed by the type table
                mysql.run(from, query, isUrl(to) ? started(started, server.external(to)).maintenance()
                        : ScenarioDatabase.toWrite(scenarios, to), table, replace);
                return;
            }
            ConnectionInfo source = isUrl(from) ? started(started, server.external(from)).maintenance()
                    : ScenarioDatabase.toRead(scenarios, from);
            ConnectionInfo destination = isUrl(to) ? started(started, server.external(to)).maintenance()
                    : ScenarioDatabase.toWrite(scenarios, to);
            Transfer.Result r;
            try (HikariDataSource sourcePool = Pools.open(source, 1, Map.of());
                 HikariDataSource destinationPool = Pools.open(destination, 1, Map.of())) {
                r = Transfer.run(sourcePool, query, destinationPool, table, !replace);
            }
            Console.line(String.format("transferred %,d rows into %s (%s COPY, %s) in %s: %,.0f rows/s", r.rows(), r.table(),
                    r.binary() ? "binary" : "text", replace ? "contents replaced" : "appended", Units.seconds(r.elapsed()),
                    r.rows() / Math.max(1e-9, r.elapsed().toNanos() / 1e9)));
        } finally {
            started.forEach(PostgresServer::close);
        }
    }

    private boolean needsScenarioServer() {
        return !isUrl(from) || !isUrl(to);
    }

    private static boolean isUrl(String value) {
        return value.startsWith("jdbc:");
    }

    private static PostgresServer started(List<PostgresServer> started, PostgresServer server) {
        started.add(server);
        return server;
    }
}
