package org.etlworkshop.db;

import org.etlworkshop.EtlException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.Properties;
import org.postgresql.Driver;

/**
 * Templates and run databases. Each scenario is generated once into {@code etl_tpl_<scenario>};
 * every processing run gets a fresh {@code CREATE DATABASE etl_run_<scenario> TEMPLATE ...}, a file
 * copy that takes seconds, so timed work never includes generation and runs never see each other.
 * The last run database per scenario is kept for inspection ({@code etl psql}).
 */
public final class Databases {
    private static final String TEMPLATE_PREFIX = "etl_tpl_";
    private static final String RUN_PREFIX = "etl_run_";
    private static final String BUILDING_SUFFIX = "__building";

    private final PostgresServer server;

    public Databases(PostgresServer server) {
        this.server = server;
    }

    public static String templateName(String scenario) {
        return TEMPLATE_PREFIX + identifierPart(scenario);
    }

    public static String runName(String scenario) {
        return RUN_PREFIX + identifierPart(scenario);
    }

    private static String identifierPart(String scenario) {
        return scenario.toLowerCase().replaceAll("[^a-z0-9]", "_");
    }

    /**
     * The fingerprint stored on the scenario's template, or empty when it was never generated or was
     * made with another {@code schema.sql}: a template must be rebuilt when the data model changes,
     * whoever filled it (the generator, a test's hand-made rows).
     */
    public Optional<String> templateFingerprint(String scenario) {
        return withMaintenance(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = ?")) {
                query.setString(1, templateName(scenario));
                try (ResultSet rs = query.executeQuery()) {
                    String stored = rs.next() ? rs.getString(1) : null;
                    return stored != null && stored.endsWith(SCHEMA_MARK)
                            ? Optional.of(stored.substring(0, stored.length() - SCHEMA_MARK.length())) : Optional.empty();
                }
            }
        });
    }

    /** Appended to every stored fingerprint: which schema.sql the template was made with. */
    private static final String SCHEMA_MARK = " schema:" + Integer.toHexString(Schema.ddl().hashCode());

    /**
     * Builds the template under a temporary name and renames it only when {@code fill} succeeded,
     * so an interrupted generation never leaves a half-filled template that looks finished.
     */
    public void buildTemplate(String scenario, String fingerprint, Consumer<DataSource> fill) {
        String building = templateName(scenario) + BUILDING_SUFFIX;
        dropDatabase(building);
        execute("CREATE DATABASE " + quote(building) + " ENCODING 'UTF8' TEMPLATE template0");
        try (var pool = Pools.open(server.database(building))) {
            Schema.create(pool);
            fill.accept(pool);
            freeze(pool);
        } catch (RuntimeException e) {
            dropDatabase(building);
            throw e;
        }
        dropDatabase(runName(scenario));
        dropDatabase(templateName(scenario));
        execute("ALTER DATABASE " + quote(building) + " RENAME TO " + quote(templateName(scenario)));
        execute("COMMENT ON DATABASE " + quote(templateName(scenario)) + " IS " + literal(fingerprint + SCHEMA_MARK));
    }

    /**
     * {@code VACUUM (FREEZE, ANALYZE)} once, on the finished template: every row's hint bits set
     * and its transaction frozen, statistics gathered. Every run database is a copy of these pages,
     * so no measured run pays for the first reader's hint-bit writes or for an autovacuum that
     * happens to start on a freshly written source.
     */
    private static void freeze(DataSource pool) {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(true); // VACUUM cannot run inside a transaction
            // Measured here: a VACUUM right after the generator's commits freezes the rows but cannot yet mark
            // their pages all-visible; after a CHECKPOINT it does both. Without the right to checkpoint (an
            // external server), the rows are still frozen.
            try {
                statement.execute("CHECKPOINT");
            } catch (SQLException notAllowed) {
                // pg_checkpoint is not granted: freezing alone still spares every run the hint-bit writes
            }
            statement.execute("VACUUM (FREEZE, ANALYZE)");
        } catch (SQLException e) {
            throw new EtlException("cannot vacuum the new template: " + e.getMessage(), e);
        }
    }

    /** What {@code etl psql} opens: the last run database, else the template; empty when never generated. */
    public Optional<String> lastDatabase(String scenario) {
        return exists(runName(scenario)) ? Optional.of(runName(scenario))
                : exists(templateName(scenario)) ? Optional.of(templateName(scenario)) : Optional.empty();
    }

    /** The run database to write into from outside (import, transfer): the last one, or a fresh copy of the template. */
    public String runDatabaseToWrite(String scenario) {
        return exists(runName(scenario)) ? runName(scenario) : createRunDatabase(scenario);
    }

    /** A fresh copy of the template for one run, replacing the previous run's copy. */
    public String createRunDatabase(String scenario) {
        String run = runName(scenario);
        dropDatabase(run);
        withMaintenance(connection -> {
            PreparedLeftovers.clear(connection, server.database(templateName(scenario)), false, psql(templateName(scenario)));
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE " + quote(run) + " TEMPLATE " + quote(templateName(scenario)));
            }
            return null;
        });
        return run;
    }

    public boolean exists(String database) {
        return withMaintenance(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                query.setString(1, database);
                try (ResultSet rs = query.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    /** Drops the scenario's template and run database; returns the names dropped. */
    public List<String> dropScenario(String scenario) {
        List<String> dropped = new ArrayList<>();
        for (String name : List.of(runName(scenario), templateName(scenario), templateName(scenario) + BUILDING_SUFFIX)) {
            if (exists(name)) {
                dropDatabase(name);
                dropped.add(name);
            }
        }
        return dropped;
    }

    /** Every database this tool made on the server, templates and runs. */
    public List<String> allWorkshopDatabases() {
        return withMaintenance(connection -> {
            List<String> names = new ArrayList<>();
            try (Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE 'etl\\_tpl\\_%' "
                         + "OR datname LIKE 'etl\\_run\\_%' ORDER BY datname")) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            return names;
        });
    }


    /** Drops it, with its connections; a prepared transaction in it is rolled back when an interrupted import left it, else named ({@link PreparedLeftovers}). */
    public void dropDatabase(String name) {
        withMaintenance(connection -> {
            PreparedLeftovers.clear(connection, server.database(name), true, psql(name));
            try (Statement statement = connection.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS " + quote(name) + " WITH (FORCE)");
            }
            return null;
        });
    }

    /** How a user opens {@code database} to clear what is left in it: {@code etl psql} opens a scenario's run database, else its template. */
    private static String psql(String database) {
        boolean scenarios = !database.endsWith(BUILDING_SUFFIX) && (database.startsWith(RUN_PREFIX) || database.startsWith(TEMPLATE_PREFIX));
        return scenarios ? "./etl psql " + database.substring(database.startsWith(RUN_PREFIX) ? RUN_PREFIX.length() : TEMPLATE_PREFIX.length())
                : "psql -d " + database;
    }

    private void execute(String sql) {
        withMaintenance(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
            return null;
        });
    }

    private interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T withMaintenance(SqlWork<T> work) {
        ConnectionInfo target = server.maintenance();
        var properties = new Properties();
        properties.setProperty("user", target.user());
        target.password().ifPresent(p -> properties.setProperty("password", p));
        try (Connection connection = new Driver().connect(target.jdbcUrl(), properties)) {
            return work.run(connection);
        } catch (SQLException e) {
            if ("42501".equals(e.getSQLState())) {
                throw new EtlException("the user " + target.user() + " may not create databases on " + target
                        + ": grant it CREATEDB, or use the embedded server (leave out --url)", e);
            }
            throw new EtlException("database server error on " + target + ": " + e.getMessage(), e);
        }
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
