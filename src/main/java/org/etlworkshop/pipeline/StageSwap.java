package org.etlworkshop.pipeline;

import org.etlworkshop.EtlException;
import org.etlworkshop.db.SingleValue;
import org.etlworkshop.load.EventTables;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The swap of stage, swap, drop: the stage's tables and indexes renamed in, the live ones out, and
 * the rejections replaced, in one short transaction. It asks for its locks with a
 * {@code lock_timeout}: behind a long reader it gives up within {@value #SWAP_LOCK_TIMEOUT_MILLIS} ms
 * and tries again, instead of queueing every later reader behind its request. Grants and comments of
 * the live table are copied to the stage first; the old table is dropped after the commit.
 */
final class StageSwap {
    static final int SWAP_LOCK_TIMEOUT_MILLIS = 100;
    static final int SWAP_ATTEMPTS = 100;

    private final StageTables tables;
    private final EventTables stage;
    private final long runId;

    StageSwap(StageTables tables) {
        this.tables = tables;
        this.stage = tables.stage;
        this.runId = tables.runId;
    }

    /** In one transaction that also writes the run's success ({@code inSwap}); retried while a reader holds the live table longer than the lock timeout. */
    StageTables.Swap swapIn(DataSource dataSource, StageTables.SqlWork inSwap) {
        String live = EventTables.LIVE.eventsName();
        String old = live + "_old_" + runId;
        int cancelled = 0;
        for (int attempt = 1; ; attempt++) {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                if (attempt > 1) {
                    cancelled += cancelAutovacuum(s);
                }
                List<String[]> indexes = tables.indexNames(s);
                copyGrantsAndComments(s);
                c.setAutoCommit(false);
                long start = System.nanoTime();
                try {
                    s.execute("SET LOCAL lock_timeout = '" + SWAP_LOCK_TIMEOUT_MILLIS + "ms'");
                    s.execute("ALTER TABLE " + EventTables.LIVE.events() + " RENAME TO " + old);
                    s.execute("ALTER TABLE " + stage.events() + " RENAME TO " + live);
                    for (String[] index : indexes) { // live name, stage name
                        s.execute("ALTER INDEX dwh." + index[0] + " RENAME TO " + index[0] + "_old_" + runId);
                        s.execute("ALTER INDEX dwh." + index[1] + " RENAME TO " + index[0]);
                    }
                    // the rejections are small: replaced in the same transaction
                    for (String[] pair : List.of(new String[]{EventTables.LIVE.rejectedSubmissions(), stage.rejectedSubmissions()},
                            new String[]{EventTables.LIVE.rejectedAnswers(), stage.rejectedAnswers()})) {
                        s.execute("DELETE FROM " + pair[0]);
                        s.execute("INSERT INTO " + pair[0] + " SELECT * FROM " + pair[1]);
                    }
                    inSwap.run(c);
                    c.commit();
                    long held = (System.nanoTime() - start) / 1_000_000;
                    c.setAutoCommit(true);
                    s.execute("DROP TABLE " + "dwh." + old); // waits only for readers of the old table
                    tables.drop(s);
                    return new StageTables.Swap(held, attempt, cancelled);
                } catch (SQLException e) {
                    c.rollback();
                    if (!"55P03".equals(e.getSQLState()) || attempt == SWAP_ATTEMPTS) { // lock_not_available
                        throw e;
                    }
                }
            } catch (SQLException e) {
                throw new EtlException("cannot swap the stage in: " + e.getMessage(), e);
            }
            pause(attempt);
        }
    }

    /** Who may read the live table, and what its comments say, carried over to the stage before the swap. */
    private void copyGrantsAndComments(Statement s) throws SQLException {
        List<String> statements = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT grantee, privilege_type FROM information_schema.role_table_grants "
                + "WHERE table_schema = 'dwh' AND table_name = '" + EventTables.LIVE.eventsName() + "' AND grantee <> current_user")) {
            while (rs.next()) {
                statements.add("GRANT " + rs.getString(2) + " ON " + stage.events() + " TO " + quote(rs.getString(1)));
            }
        }
        try (ResultSet rs = s.executeQuery("SELECT obj_description('" + EventTables.LIVE.events() + "'::regclass, 'pg_class')")) {
            if (rs.next() && rs.getString(1) != null) {
                statements.add("COMMENT ON TABLE " + stage.events() + " IS " + literal(rs.getString(1)));
            }
        }
        try (ResultSet rs = s.executeQuery("SELECT a.attname, col_description(a.attrelid, a.attnum) FROM pg_attribute a "
                + "WHERE a.attrelid = '" + EventTables.LIVE.events() + "'::regclass AND a.attnum > 0 "
                + "AND col_description(a.attrelid, a.attnum) IS NOT NULL")) {
            while (rs.next()) {
                statements.add("COMMENT ON COLUMN " + stage.events() + "." + quote(rs.getString(1)) + " IS " + literal(rs.getString(2)));
            }
        }
        for (String statement : statements) {
            s.execute(statement);
        }
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /**
     * Autovacuum often starts on a table just loaded, and holds a lock the swap's renames conflict
     * with. PostgreSQL itself cancels an autovacuum that blocks a lock request, but only once the
     * request has waited {@code deadlock_timeout} (1 s): the swap's short {@code lock_timeout} never
     * gets there, so without this it would retry until the vacuum ends (14 s, 28 tries, measured on
     * {@code large}). A vacuum run to prevent wraparound is left alone, as PostgreSQL leaves it.
     */
    private static int cancelAutovacuum(Statement s) throws SQLException {
        return (int) SingleValue.longOf(s.getConnection(), "SELECT count(pg_cancel_backend(a.pid)) FROM pg_stat_activity a "
                + "WHERE a.backend_type = 'autovacuum worker' AND a.query NOT LIKE '%to prevent wraparound%' AND a.pid IN "
                + "(SELECT l.pid FROM pg_locks l JOIN pg_class r ON r.oid = l.relation WHERE r.relnamespace = 'dwh'::regnamespace)");
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(Math.min(1000, 20L * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EtlException("interrupted while waiting to swap the stage in");
        }
    }
}
