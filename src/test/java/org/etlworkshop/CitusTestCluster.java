package org.etlworkshop;

import org.etlworkshop.db.ExternalServer;
import org.etlworkshop.db.PostgresServer;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real Citus cluster (a coordinator and two workers on loopback, Citus 13.2 in Debian's PostgreSQL
 * 15), started once per test JVM with {@code .ci/citus/start-cluster.sh} and stopped when the JVM
 * exits. {@code .ci/run} builds Citus once per machine; where it is not installed, the tests that need
 * the cluster are skipped with the reason (JUnit prints it), never passed silently.
 *
 * <p>The tests set {@code citus.shard_count} to 4 (Citus's default is 32): every distributed table
 * made in a test is then 4 shards on 2 workers, which keeps preparing a run database quick and still
 * spreads every table over both workers.
 */
public final class CitusTestCluster {
    private static final Path CITUS = Path.of("/usr/lib/postgresql/15/lib/citus.so");
    private static final Path START = Path.of(".ci", "citus", "start-cluster.sh");
    private static PostgresServer server;
    private static String unavailable;

    private CitusTestCluster() {
    }

    /** The coordinator, started on first use; skips the calling test, saying why, where there can be no cluster. */
    public static synchronized PostgresServer coordinator() {
        if (server == null && unavailable == null) {
            start();
        }
        Assumptions.assumeTrue(unavailable == null, () -> "no Citus cluster: " + unavailable);
        return server;
    }

    /** The coordinator's JDBC URL, for a child {@code etl} command's {@code --url}. */
    public static String url() {
        return coordinator().maintenance().jdbcUrl();
    }

    private static void start() {
        if (!Files.exists(CITUS)) {
            unavailable = CITUS + " is not installed: run .ci/citus/build-citus.sh (needs root or sudo, apt and 5 minutes)";
            return;
        }
        try {
            Path dir = Files.createTempDirectory(Path.of("/tmp"), "etl-citus-test-");
            int port = freePorts();
            Process start = new ProcessBuilder("bash", START.toString(), dir.toString(), Integer.toString(port))
                    .redirectErrorStream(true).start();
            String output = new String(start.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!start.waitFor(3, TimeUnit.MINUTES) || start.exitValue() != 0) {
                unavailable = "start-cluster.sh failed: " + output;
                return;
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(dir)));
            String url = output.lines().reduce((a, b) -> b).orElseThrow();
            try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement s = c.createStatement()) {
                s.execute("ALTER SYSTEM SET citus.shard_count = 4");
                s.execute("SELECT pg_reload_conf()");
            }
            server = ExternalServer.of(url, "postgres", Optional.empty());
        } catch (IOException | SQLException e) {
            unavailable = "could not start it: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            unavailable = "interrupted while starting it";
        }
    }

    private static void stop(Path dir) {
        try {
            new ProcessBuilder("bash", START.toString(), "--stop", dir.toString()).inheritIO().start().waitFor(1, TimeUnit.MINUTES);
            new ProcessBuilder("rm", "-rf", dir.toString()).start().waitFor(1, TimeUnit.MINUTES);
        } catch (IOException e) {
            // the servers die with the machine's next reboot; nothing else depends on them
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Three consecutive ports nobody listens on, for the coordinator and its two workers. */
    private static int freePorts() throws IOException {
        for (int port = 56100 + (int) (ProcessHandle.current().pid() % 200) * 3; port < 64000; port += 3) {
            if (free(port) && free(port + 1) && free(port + 2)) {
                return port;
            }
        }
        throw new IOException("no three free consecutive ports");
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Runs a query on a database of the coordinator and returns each row's columns joined by '|'. */
    public static List<String> rows(String database, String sql) {
        try (Connection connection = DriverManager.getConnection(coordinator().database(database).jdbcUrl(), "postgres", "");
             Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            List<String> rows = new ArrayList<>();
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int c = 1; c <= columns; c++) {
                    row.append(c == 1 ? "" : "|").append(rs.getString(c));
                }
                rows.add(row.toString());
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
