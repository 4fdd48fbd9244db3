package org.etlworkshop.move;

import org.etlworkshop.KillPoint;
import org.etlworkshop.UsageException;
import org.etlworkshop.db.CitusCluster;
import org.etlworkshop.db.SingleValue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * All or nothing into a Citus table, without a client-side two-phase commit (Citus refuses
 * {@code PREPARE TRANSACTION} in a transaction that touched shards on several nodes). The import makes
 * a stage table shaped like the target (columns, defaults, constraints and indexes, so a duplicate key
 * within the import is still an ordinary reject) and placed like it: distributed by the same column
 * in the same shards (colocated), or on the coordinator for a reference table. Each worker loads its
 * rows into the stage and commits when done; nobody reads the stage. Then one statement,
 * {@code INSERT INTO target SELECT ... FROM stage}, publishes it: for a colocated stage Citus runs it
 * on every worker at once, shard by shard, without a row crossing the network, and commits across
 * the nodes itself. The stage is dropped after; one left by a killed import is dropped by the next
 * import into the same table.
 *
 * <p>Steps, each a {@link KillPoint}: {@code import-stage-created}, {@code import-worker-N-committed},
 * {@code import-published}. Killed anywhere before the publish, the target is as it was.
 */
final class ColocatedStage implements AllOrNothing {
    private static final String MARK = "_etl_import_";

    private final TableColumns target;
    private final TableColumns stage;

    private ColocatedStage(TableColumns target, TableColumns stage) {
        this.target = target;
        this.stage = stage;
    }

    static boolean isCitusTarget(Connection c, TableColumns table) throws SQLException {
        return CitusCluster.hasCitus(c) && CitusCluster.isCitusTable(c, table.quotedName());
    }

    /** Makes the stage, after dropping those killed imports left; a usage error for a kind of Citus table it cannot stage. */
    static ColocatedStage create(Connection c, TableColumns target) throws SQLException {
        String kind = CitusCluster.tableKind(c, target.quotedName()).orElse("local");
        if (!kind.startsWith("distributed ") && !kind.equals("reference")) {
            throw new UsageException("etl import --workers into " + target + ", a Citus " + kind + " table: only distributed "
                    + "and reference tables can be loaded by several workers all or nothing; leave out --workers");
        }
        dropLeftovers(c, target);
        String name = prefix(target) + SingleValue.longOf(c, "SELECT pg_backend_pid()");
        TableColumns stage = new TableColumns(target.schema(), name, target.types(), target.primaryKey());
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + stage.quotedName() + " (LIKE " + target.quotedName()
                    + " INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)");
        }
        if (kind.startsWith("distributed ")) {
            CitusCluster.colocate(c, stage.quotedName(), kind.substring("distributed ".length()), target.quotedName());
        }
        KillPoint.reached("import-stage-created");
        return new ColocatedStage(target, stage);
    }

    @Override
    public ImportMethod.Into into(ImportMethod.Into into) {
        return new ImportMethod.Into(stage, into.columns(), into.serverSkipsBadValues());
    }

    @Override
    public void workerDone(Connection worker, int number) throws SQLException {
        worker.commit(); // into the stage, which nobody reads
        KillPoint.reached("import-worker-" + number + "-committed");
    }

    @Override
    public void publish(Connection coordinator, List<Connection> workers) throws SQLException {
        String columns = TableColumns.quotedList(target.names());
        try (Statement s = coordinator.createStatement()) {
            s.execute("INSERT INTO " + target.quotedName() + " " + columns + " SELECT " + columns.substring(1, columns.length() - 1)
                    + " FROM " + stage.quotedName());
            KillPoint.reached("import-published");
            s.execute("DROP TABLE " + stage.quotedName());
        }
    }

    @Override
    public void abandon(Connection coordinator) {
        try (Statement s = coordinator.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + stage.quotedName());
        } catch (SQLException ignored) {
            // left behind: the next import into this table drops it
        }
    }

    /** Stages of imports into this table whose connection is gone (killed): never published, so dropped. */
    private static void dropLeftovers(Connection c, TableColumns target) throws SQLException {
        String prefix = prefix(target);
        List<String> left = new ArrayList<>();
        try (PreparedStatement query = c.prepareStatement("SELECT c.relname, (SELECT array_agg(pid::text) FROM pg_stat_activity) "
                + "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relkind = 'r' "
                + "AND starts_with(c.relname, ?)")) {
            query.setString(1, target.schema());
            query.setString(2, prefix);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    String pid = rs.getString(1).substring(prefix.length());
                    if (pid.matches("[0-9]+") && !List.of((String[]) rs.getArray(2).getArray()).contains(pid)) {
                        left.add(rs.getString(1));
                    }
                }
            }
        }
        for (String table : left) {
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS " + TableColumns.quote(target.schema()) + "." + TableColumns.quote(table));
            }
        }
    }

    /** A stage's name without its import's backend pid (the target's name cut so the whole fits PostgreSQL's 63 bytes). */
    private static String prefix(TableColumns target) {
        return target.table().substring(0, Math.min(40, target.table().length())) + MARK;
    }
}
