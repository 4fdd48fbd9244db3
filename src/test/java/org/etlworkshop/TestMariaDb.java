package org.etlworkshop;

import org.etlworkshop.db.LocalMariaDb;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One private MariaDB per test JVM, in {@code target/test-mariadb}, started the first time a test
 * asks for it (tests that do not concern MariaDB never start it) and stopped when the JVM exits.
 * Its data directory is kept between runs, so {@code mariadb-install-db} runs once, like the kept
 * templates of the embedded PostgreSQL. Where MariaDB is not installed, the tests that need it are
 * skipped and say so; installed but failing to start is a failure.
 */
public final class TestMariaDb {
    public static final Path DIR = Path.of("target", "test-mariadb");
    private static LocalMariaDb.Running server;

    private TestMariaDb() {
    }

    public static synchronized LocalMariaDb.Running server() {
        if (server == null) {
            if (!LocalMariaDb.installed()) {
                String why = "MariaDB is not installed here (Debian: apt-get install mariadb-server; .ci/run installs it): "
                        + "skipping the MariaDB tests";
                System.err.println("SKIPPED: " + why);
                Assumptions.abort(why);
            }
            server = LocalMariaDb.start(DIR);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> LocalMariaDb.stop(DIR), "stop-test-mariadb"));
        }
        return server;
    }

    /** A database made empty for the calling test class; returns its JDBC URL. */
    public static String freshDatabase(String name) {
        execute("", "DROP DATABASE IF EXISTS " + name, "CREATE DATABASE " + name + " CHARACTER SET utf8mb4");
        return server().jdbcUrl(name);
    }

    public static Connection connect(String database) throws SQLException {
        // the binary protocol, so a FLOAT parameter is sent as its four bytes
        return DriverManager.getConnection(server().jdbcUrl(database) + "&useServerPrepStmts=true");
    }

    public static long count(String database, String sql) {
        try (Connection connection = connect(database); Statement statement = connection.createStatement();
             java.sql.ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    public static void execute(String database, String... sql) {
        try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
            for (String s : sql) {
                statement.execute(s);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
