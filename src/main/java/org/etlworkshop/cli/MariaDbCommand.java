package org.etlworkshop.cli;

import org.etlworkshop.EtlException;
import org.etlworkshop.db.LocalMariaDb;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;

@Command(name = "mariadb", mixinStandardHelpOptions = true,
        description = {"A private MariaDB for the lessons and benchmarks (a source for etl transfer): its own data "
                + "directory made once with mariadb-install-db, mariadbd on a free loopback port as the current user. "
                + "start prints its JDBC URL (user root, no password, 127.0.0.1 only) and leaves it running; stop stops it.",
                "Example: etl mariadb start   then   etl transfer --from \"$(etl mariadb url)\" --from-table t ..."})
final class MariaDbCommand {
    @Option(names = "--mariadb-dir", paramLabel = "DIR", defaultValue = ".etl-mariadb", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "The server's directory: data, log, pid and port (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Command(name = "start", mixinStandardHelpOptions = true, description = "Start it (or find it running) and print its JDBC URL.")
    void start() {
        boolean wasRunning = LocalMariaDb.running(dir).isPresent();
        LocalMariaDb.Running server = LocalMariaDb.start(dir);
        Console.status((wasRunning ? "MariaDB already running" : "MariaDB started") + " (pid " + server.pid() + ", port "
                + server.port() + ", " + dir + "; INTO OUTFILE writes to " + server.outfileDirectory() + ")");
        Console.line(server.jdbcUrl(LocalMariaDb.DATABASE));
    }

    @Command(name = "url", mixinStandardHelpOptions = true, description = "Print the JDBC URL of the running server.")
    void url() {
        LocalMariaDb.Running server = LocalMariaDb.running(dir)
                .orElseThrow(() -> new EtlException("no MariaDB is running from " + dir + "; start it with: etl mariadb start"));
        Console.line(server.jdbcUrl(LocalMariaDb.DATABASE));
    }

    @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop it (its data stays for the next start).")
    void stop() {
        Console.status(LocalMariaDb.stop(dir) ? "MariaDB stopped (" + dir + ")" : "no MariaDB was running from " + dir);
    }
}
