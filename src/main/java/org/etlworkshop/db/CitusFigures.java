package org.etlworkshop.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a distributed load sent where, read from Citus itself: the rows of a table on each worker node
 * (each shard counted where it lives), and the coordinator's traffic to the workers
 * ({@code citus_stat_counters}, switched on for the run database by {@link CitusCluster#distribute}).
 */
public final class CitusFigures {
    /** A node's part of a table: how many of its shards live there, and their rows. */
    public record NodeShare(String node, int shards, long rows) {
    }

    /**
     * What the coordinator did to reach the workers, counted by Citus over a span of time: connections
     * it opened and reused, and the statements it ran on one shard or fanned out over many.
     */
    public record Traffic(long connectionsOpened, long connectionsReused, long singleShardStatements, long multiShardStatements) {
        public Traffic minus(Traffic before) {
            return new Traffic(connectionsOpened - before.connectionsOpened, connectionsReused - before.connectionsReused,
                    singleShardStatements - before.singleShardStatements, multiShardStatements - before.multiShardStatements);
        }
    }

    private CitusFigures() {
    }

    /** The rows of {@code table} per worker node, each shard counted on its own node. */
    public static List<NodeShare> rowsPerNode(Connection c, String table) throws SQLException {
        List<NodeShare> shares = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT p.nodename || ':' || p.nodeport, count(*), "
                + "coalesce(sum(r.result::bigint), 0) FROM run_command_on_shards(" + Databases.literal(table) + ", "
                + "'SELECT count(*) FROM %s') r JOIN pg_dist_placement pl ON pl.shardid = r.shardid "
                + "JOIN pg_dist_node p ON p.groupid = pl.groupid GROUP BY 1 ORDER BY 1")) {
            while (rs.next()) {
                shares.add(new NodeShare(rs.getString(1), rs.getInt(2), rs.getLong(3)));
            }
        }
        return shares;
    }

    /** The coordinator's counters for the current database so far; empty when Citus does not keep them. */
    public static Optional<Traffic> traffic(Connection c) {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT connection_establishment_succeeded, "
                + "connection_reused, query_execution_single_shard, query_execution_multi_shard FROM citus_stat_counters "
                + "WHERE name = current_database()")) {
            return rs.next() ? Optional.of(new Traffic(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4))) : Optional.empty();
        } catch (SQLException e) {
            return Optional.empty();
        }
    }
}
