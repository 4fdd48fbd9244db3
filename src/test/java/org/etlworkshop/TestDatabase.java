package org.etlworkshop;

import org.etlworkshop.db.Databases;
import org.etlworkshop.db.Durability;
import org.etlworkshop.db.EmbeddedServer;
import org.etlworkshop.db.PostgresServer;
import org.etlworkshop.scenario.Scenario;
import org.etlworkshop.scenario.ScenarioCatalog;
import org.etlworkshop.scenario.Templates;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * One real embedded PostgreSQL per test JVM, in {@code target/test-etl}. Templates are kept
 * between test runs (until {@code mvn clean}), so each scenario is generated once: the Java version
 * of the original workshop's {@code --keepdb}.
 */
public final class TestDatabase {
    public static final Path DATA_DIR = Path.of("target", "test-etl");
    private static PostgresServer server;

    private TestDatabase() {
    }

    public static synchronized PostgresServer server() {
        if (server == null) {
            server = EmbeddedServer.start(DATA_DIR, Durability.FAST, "mvn test");
            // Zonky's own shutdown hook stops the server when the test JVM exits.
        }
        return server;
    }

    public static Databases databases() {
        return new Databases(server());
    }

    /** The shipped scenarios ({@code scenarios/}). */
    public static ScenarioCatalog shippedScenarios() {
        return new ScenarioCatalog(Path.of("scenarios"));
    }

    /** Scenarios made for tests ({@code src/test/resources/scenarios/}), over the shipped form schemas. */
    public static ScenarioCatalog testScenarios() {
        return new ScenarioCatalog(Path.of("src", "test", "resources", "scenarios"), Path.of("scenarios", "schemas"));
    }

    /** Makes sure the scenario's template exists and is current; returns the scenario. */
    public static Scenario generated(ScenarioCatalog catalog, String name) {
        Scenario scenario = catalog.load(name);
        new Templates(databases()).ensureGenerated(scenario, false, Progress.NONE);
        return scenario;
    }

    public static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(server().database(database).jdbcUrl(), "postgres", "");
    }

    /** Runs a query on a database and returns each row's columns joined by '|'. */
    public static List<String> rows(String database, String sql) {
        try (Connection connection = connect(database); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
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

    public static long count(String database, String sql) {
        return Long.parseLong(rows(database, sql).get(0));
    }
}
