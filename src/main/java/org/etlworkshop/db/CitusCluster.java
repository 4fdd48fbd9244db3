package org.etlworkshop.db;

import org.etlworkshop.EtlException;
import org.etlworkshop.UsageException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Properties;

/**
 * A Citus cluster behind a coordinator: its worker nodes, and what a run database needs on it.
 *
 * <p>Citus does not propagate {@code CREATE DATABASE} to the workers, and the tool makes a database
 * per scenario (a copy of its template, which is a plain database). So before a distributed run, each
 * worker gets a database of the same name with the extension, the run database on the coordinator gets
 * the extension and the nodes, and the tables are distributed as {@code distributed.sql} says. A fresh
 * copy of the template has no extension yet: then every worker's database of that name is dropped and
 * made anew (the shards of an earlier copy would otherwise be left there, unreachable).
 */
public final class CitusCluster {
    /** One node and its address as the coordinator reaches it. */
    public record Node(String host, int port) {
        @Override
        public String toString() {
            return host + ":" + port;
        }
    }

    private final PostgresServer coordinator;
    private final Node coordinatorNode;
    private final List<Node> workers;

    private CitusCluster(PostgresServer coordinator, Node coordinatorNode, List<Node> workers) {
        this.coordinator = coordinator;
        this.coordinatorNode = coordinatorNode;
        this.workers = workers;
    }

    /** The cluster whose coordinator is {@code server}, read from its maintenance database; a usage error when it is not one. */
    public static CitusCluster behind(PostgresServer server) {
        ConnectionInfo maintenance = server.maintenance();
        try (Connection c = connect(maintenance)) {
            if (!hasCitus(c)) {
                throw new UsageException("--distributed needs a Citus coordinator, but " + server.location()
                        + " has no citus extension in " + maintenance.database());
            }
            Node self = null;
            List<Node> workers = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT groupid, nodename, nodeport FROM pg_dist_node "
                    + "WHERE noderole = 'primary' AND isactive ORDER BY groupid")) {
                while (rs.next()) {
                    Node node = new Node(rs.getString(2), rs.getInt(3));
                    if (rs.getInt(1) == 0) {
                        self = node;
                    } else {
                        workers.add(node);
                    }
                }
            }
            if (workers.isEmpty()) {
                throw new UsageException("--distributed: the Citus coordinator " + server.location() + " has no worker nodes "
                        + "(citus_add_node) in " + maintenance.database());
            }
            return new CitusCluster(server, self == null ? new Node(maintenance.host(), maintenance.port()) : self, List.copyOf(workers));
        } catch (SQLException e) {
            throw new EtlException("cannot read the Citus nodes of " + server.location() + ": " + e.getMessage(), e);
        }
    }

    /** The cluster behind {@code server} when it is a Citus coordinator with workers; empty for any other server. */
    public static java.util.Optional<CitusCluster> ifCoordinator(PostgresServer server) {
        try (Connection c = connect(server.maintenance())) {
            if (!hasCitus(c)) {
                return java.util.Optional.empty();
            }
        } catch (SQLException e) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(behind(server));
        } catch (UsageException noWorkers) {
            return java.util.Optional.empty();
        }
    }

    /** Whether the database behind {@code c} has the citus extension. */
    public static boolean hasCitus(Connection c) throws SQLException {
        return SingleValue.booleanOf(c, "SELECT exists (SELECT 1 FROM pg_extension WHERE extname = 'citus')");
    }

    /** Whether {@code table} is a Citus table (distributed, reference or added to Citus's metadata). */
    public static boolean isCitusTable(Connection c, String table) throws SQLException {
        return SingleValue.booleanOf(c, "SELECT exists (SELECT 1 FROM pg_dist_partition WHERE logicalrelid = to_regclass("
                + Databases.literal(table) + "))");
    }

    /**
     * Spreads {@code table} by {@code column} in the same shards as {@code like}'s (colocated: a key's rows of both live
     * on one worker), unless it is a Citus table already.
     */
    public static void colocate(Connection c, String table, String column, String like) throws SQLException {
        if (!isCitusTable(c, table)) {
            try (Statement s = c.createStatement()) {
                s.execute("SELECT create_distributed_table(" + Databases.literal(table) + ", " + Databases.literal(column)
                        + ", colocate_with => " + Databases.literal(like) + ")");
            }
        }
    }

    /**
     * What kind of Citus table {@code table} is, as {@code citus_tables} says ({@code distributed}, {@code reference},
     * {@code local}), and for a distributed one its distribution column: e.g. {@code distributed submission_id}.
     * Empty when it is not a Citus table.
     */
    public static java.util.Optional<String> tableKind(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT citus_table_type, distribution_column FROM citus_tables "
                + "WHERE table_name = to_regclass(" + Databases.literal(table) + ")")) {
            if (!rs.next()) {
                return java.util.Optional.empty();
            }
            String type = rs.getString(1);
            return java.util.Optional.of("distributed".equals(type) ? type + " " + rs.getString(2) : type);
        }
    }

    public List<Node> workers() {
        return workers;
    }

    /** A worker's database, as this tool's user reaches it. */
    public ConnectionInfo onWorker(Node worker, String database) {
        ConnectionInfo m = coordinator.maintenance();
        return new ConnectionInfo(worker.host(), worker.port(), database, m.user(), m.password());
    }

    /**
     * Makes {@code database} (already on the coordinator) a distributed run database, once: the
     * workers' databases, the extension, the nodes and the tables. Returns whether it did anything.
     */
    public boolean distribute(String database) {
        try (Connection c = connect(coordinator.database(database)); Statement s = c.createStatement()) {
            if (hasCitus(c)) {
                // A run killed while Citus committed across the nodes leaves prepared transactions on workers, which its
                // maintenance daemon finishes within a minute (citus.recover_2pc_interval); finish them now, before anything reads.
                s.execute("SELECT recover_prepared_transactions()");
                return false;
            }
            workers.parallelStream().forEach(worker -> makeOnWorker(worker, database)); // the workers at once: half the wait
            s.execute("CREATE EXTENSION citus");
            s.execute("SELECT citus_set_coordinator_host(" + Databases.literal(coordinatorNode.host()) + ", " + coordinatorNode.port() + ")");
            for (Node worker : workers) {
                s.execute("SELECT citus_add_node(" + Databases.literal(worker.host()) + ", " + worker.port() + ")");
            }
            // Coordinator-to-worker traffic per database (connections, single- and multi-shard executions), for the run's report.
            s.execute("ALTER DATABASE " + Databases.quote(database) + " SET citus.enable_stat_counters = on");
            s.execute(layout());
            return true;
        } catch (SQLException e) {
            throw new EtlException("cannot distribute " + database + " over the Citus cluster: " + e.getMessage(), e);
        }
    }

    /** A fresh, empty {@code database} with the extension on {@code worker}, replacing one of that name. */
    private void makeOnWorker(Node worker, String database) {
        try {
            try (Connection w = connect(onWorker(worker, coordinator.maintenance().database())); Statement ws = w.createStatement()) {
                ws.execute("DROP DATABASE IF EXISTS " + Databases.quote(database) + " WITH (FORCE)");
                ws.execute("CREATE DATABASE " + Databases.quote(database));
            }
            try (Connection w = connect(onWorker(worker, database)); Statement ws = w.createStatement()) {
                ws.execute("CREATE EXTENSION citus");
            }
        } catch (SQLException e) {
            throw new EtlException("cannot make " + database + " on the Citus worker " + worker + ": " + e.getMessage(), e);
        }
    }

    /** Drops a database on every worker (the coordinator's is dropped by {@link Databases}). */
    public void dropOnWorkers(String database) {
        for (Node worker : workers) {
            try (Connection w = connect(onWorker(worker, coordinator.maintenance().database())); Statement ws = w.createStatement()) {
                ws.execute("DROP DATABASE IF EXISTS " + Databases.quote(database) + " WITH (FORCE)");
            } catch (SQLException e) {
                throw new EtlException("cannot drop " + database + " on the Citus worker " + worker + ": " + e.getMessage(), e);
            }
        }
    }

    /** The postmaster of each worker that runs on this machine: whose CPU time is the workers'. */
    public List<Long> localWorkerPostmasters(String database) {
        List<Long> pids = new ArrayList<>();
        for (Node worker : workers) {
            ConnectionInfo info = onWorker(worker, database);
            try (Connection w = connect(info)) {
                OptionalLong pid = LocalPostmaster.of(w, info);
                pid.ifPresent(pids::add);
            } catch (SQLException e) {
                // not reachable from here: its CPU is counted as outside
            }
        }
        return pids;
    }

    static String layout() {
        try (InputStream in = CitusCluster.class.getResourceAsStream("/distributed.sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("distributed.sql missing from the classpath", e);
        }
    }

    public static Connection connect(ConnectionInfo info) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", info.user());
        info.password().ifPresent(p -> properties.setProperty("password", p));
        return DriverManager.getConnection(info.jdbcUrl(), properties);
    }
}
