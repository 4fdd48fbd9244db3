package org.etlworkshop.pipeline;

import org.etlworkshop.EtlException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What killed runs leave behind, cleared by the next staged or incremental run: rows of
 * {@code dwh.etl_runs} that say {@code running} forever, and their stage tables, which otherwise
 * pile up. A run is looked at only when its process is gone ({@link RunOwner}: its lock can be
 * taken); one whose process is alive is never touched, whatever its row says, since it may be
 * loading in another process. A run whose process is gone:
 * <ul>
 *   <li>that {@code --resume} can still continue (the newest unfinished checkpointed run of its
 *       processor, started after the last successful run: what {@link RunLog#unfinished} picks) is
 *       marked failed and keeps its stage;</li>
 *   <li>otherwise it is <em>stale</em>: nothing can continue it (it was not checkpointed, a newer run
 *       of its processor started, or a later run succeeded). It is marked failed and its stage
 *       tables are dropped.</li>
 * </ul>
 * Also dropped, under the same rule: an old live table a swap left (killed between its commit and
 * the drop) and the stage tables of a run that succeeded or has no row.
 */
final class StaleRuns {
    private static final String OLD_LIVE = "response_events_old_";

    private StaleRuns() {
    }

    /** @param self the run that clears: its own stage is never a leftover */
    static void clear(DataSource pool, long self) {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            Map<Long, List<String>> tables = leftTables(s);
            Map<Long, Boolean> unfinished = unfinished(s); // id -> resumable
            List<Long> ids = new ArrayList<>(tables.keySet());
            unfinished.keySet().stream().filter(id -> !tables.containsKey(id)).forEach(ids::add);
            for (long id : ids) {
                if (id == self || !RunOwner.tryLock(c, id)) {
                    continue; // alive: its own process decides
                }
                try {
                    boolean resumable = unfinished.getOrDefault(id, false);
                    markFailed(c, id, resumable ? "interrupted: its process ended before it finished (seen by run " + self
                            + "); --resume continues it" : "abandoned: its process ended before it finished and no --resume can "
                            + "continue it (seen by run " + self + ", which dropped its stage tables)");
                    for (String table : tables.getOrDefault(id, List.of())) {
                        if (!resumable || table.startsWith(OLD_LIVE)) { // an old live table: its swap had committed
                            s.execute("DROP TABLE IF EXISTS dwh." + table);
                        }
                    }
                } finally {
                    RunOwner.unlock(c, id);
                }
            }
        } catch (SQLException e) {
            throw new EtlException("cannot clear what earlier runs left: " + e.getMessage(), e);
        }
    }

    /** The stage tables and old live tables in {@code dwh}, by the run they belong to. */
    private static Map<Long, List<String>> leftTables(Statement s) throws SQLException {
        Map<Long, List<String>> tables = new TreeMap<>();
        try (ResultSet rs = s.executeQuery("SELECT c.relname, substring(c.relname from '_(?:stage|old)_([0-9]+)$')::bigint "
                + "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'dwh' AND c.relkind = 'r' "
                + "AND (c.relname ~ '_stage_[0-9]+$' OR c.relname ~ '^" + OLD_LIVE + "[0-9]+$')")) {
            while (rs.next()) {
                tables.computeIfAbsent(rs.getLong(2), id -> new ArrayList<>()).add(rs.getString(1));
            }
        }
        return tables;
    }

    /** Every run that did not succeed, and whether {@code --resume} could continue it. */
    private static Map<Long, Boolean> unfinished(Statement s) throws SQLException {
        Map<Long, Boolean> runs = new TreeMap<>();
        String lastSuccess = "coalesce((SELECT max(id) FROM dwh.etl_runs WHERE status = 'succeeded'), 0)";
        try (ResultSet rs = s.executeQuery("SELECT r.id, r.chunks IS NOT NULL AND r.id > " + lastSuccess + " AND r.id = "
                + "(SELECT max(o.id) FROM dwh.etl_runs o WHERE o.processor = r.processor AND o.status <> 'succeeded' "
                + "AND o.chunks IS NOT NULL) FROM dwh.etl_runs r WHERE r.status <> 'succeeded'")) {
            while (rs.next()) {
                runs.put(rs.getLong(1), rs.getBoolean(2));
            }
        }
        return runs;
    }

    private static void markFailed(Connection c, long id, String note) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE dwh.etl_runs SET status = 'failed', "
                + "finished = clock_timestamp(), note = ? WHERE id = ? AND status = 'running'")) {
            update.setString(1, note);
            update.setLong(2, id);
            update.executeUpdate();
        }
    }
}
