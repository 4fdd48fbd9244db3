package org.etlworkshop.move;

import com.zaxxer.hikari.HikariDataSource;
import org.etlworkshop.TestDatabase;
import org.etlworkshop.db.Pools;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/** A scratch database of the test server for the import, export and transfer tests, with a table made per test. */
final class MoveDatabase {
    static final String NAME = "etl_move_test";

    private MoveDatabase() {
    }

    static synchronized void create() {
        try (Connection c = java.sql.DriverManager.getConnection(TestDatabase.server().maintenance().jdbcUrl(), "postgres", "");
             Statement s = c.createStatement()) {
            var rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + NAME + "'");
            if (!rs.next()) {
                s.execute("CREATE DATABASE " + NAME);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A pool as etl import opens it. */
    static HikariDataSource pool() {
        create();
        return Pools.open(TestDatabase.server().database(NAME), 2, Map.of("reWriteBatchedInserts", "true", "stringtype", "unspecified"));
    }

    static void execute(String... sql) {
        create();
        try (Connection c = TestDatabase.connect(NAME); Statement s = c.createStatement()) {
            for (String statement : sql) {
                s.execute(statement);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
