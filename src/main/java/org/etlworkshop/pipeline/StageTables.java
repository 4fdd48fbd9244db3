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
import java.util.stream.Collectors;

/**
 * Stage, swap, drop: a run's events go into its own stage tables, where nobody reads, and only a
 * finished, indexed, analyzed and counted stage becomes the live table, by renames in one short
 * transaction. The Locus Energy "Moving Bulk Data" design.
 *
 * <p>The indexes are built from the live table's own definitions and take its index names at the
 * swap ({@link StageSwap}), which asks for its locks with a short {@code lock_timeout} and copies the
 * live table's grants and comments to the stage first.
 */
public final class StageTables {
    /**
     * What publishing cost: the swap's own transaction, how many tries it took to get its locks, and
     * how many autovacuum workers it cancelled on the way.
     */
    public record Swap(long lockHeldMillis, int attempts, int autovacuumsCancelled) {
    }

    final EventTables stage;
    final long runId;
    private final Placement placement;

    StageTables(long runId) {
        this(runId, null);
    }

    /** @param placement where the stage's rows go: on a cluster, colocated with the live tables' */
    StageTables(long runId, Placement placement) {
        this.stage = EventTables.stageOf(runId);
        this.runId = runId;
        this.placement = placement;
    }

    /** A stage index's name: the live one's with {@code _s<run>} (PostgreSQL cuts names at 63 bytes). */
    private String stageIndex(String liveIndex) {
        return liveIndex + "_s" + runId;
    }

    EventTables tables() {
        return stage;
    }

    /**
     * Empty stage tables shaped like the live ones (columns, defaults, NOT NULL and CHECK constraints), no indexes,
     * placed like them.
     */
    void create(DataSource dataSource) {
        run(dataSource, "create the stage tables", s -> {
            s.execute("CREATE TABLE IF NOT EXISTS " + stage.events() + " (LIKE " + EventTables.LIVE.events()
                    + " INCLUDING DEFAULTS INCLUDING CONSTRAINTS)");
            s.execute("CREATE TABLE IF NOT EXISTS " + stage.rejectedSubmissions() + " (LIKE " + EventTables.LIVE.rejectedSubmissions()
                    + " INCLUDING ALL)");
            s.execute("CREATE TABLE IF NOT EXISTS " + stage.rejectedAnswers() + " (LIKE " + EventTables.LIVE.rejectedAnswers()
                    + " INCLUDING ALL)");
            if (placement != null) {
                placement.placeLike(s, stage.events(), EventTables.LIVE.events());
                placement.placeLike(s, stage.rejectedSubmissions(), EventTables.LIVE.rejectedSubmissions());
                placement.placeLike(s, stage.rejectedAnswers(), EventTables.LIVE.rejectedAnswers());
            }
        });
    }

    /**
     * What the chunks that were not checkpointed may have left (a crash between a commit and its
     * checkpoint, or a worker's part of a chunk committed before the others'): one statement per
     * table, so one scan of the index-less stage however many chunks are redone.
     */
    void forget(DataSource dataSource, List<SourceSlice> chunks) {
        if (chunks.isEmpty()) {
            return;
        }
        String condition = SourceSlice.joined(chunks).stream().map(range -> "(" + range.idCondition("submission_id") + ")")
                .collect(Collectors.joining(" OR "));
        run(dataSource, "clear a chunk of the stage tables", s -> {
            for (String table : List.of(stage.events(), stage.rejectedSubmissions(), stage.rejectedAnswers())) {
                s.execute("DELETE FROM " + table + " WHERE " + condition);
            }
        });
    }

    long count(DataSource dataSource) {
        try {
            return SingleValue.longOf(dataSource, "SELECT count(*) FROM " + stage.events());
        } catch (SQLException e) {
            throw new EtlException("cannot count the stage table: " + e.getMessage(), e);
        }
    }

    /**
     * The live table's indexes (primary key included), built once on the full stage, then ANALYZE:
     * in one transaction, after dropping any an interrupted earlier attempt built, so a run killed
     * while indexing (or after, before its swap) resumes to the same indexes.
     */
    void index(DataSource dataSource) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            List<String> definitions = liveIndexDefinitions(s);
            List<String[]> names = indexNames(s);
            c.setAutoCommit(false);
            try {
                for (String[] index : names) {
                    s.execute("ALTER TABLE " + stage.events() + " DROP CONSTRAINT IF EXISTS " + index[1]);
                    s.execute("DROP INDEX IF EXISTS dwh." + index[1]);
                }
                for (String definition : definitions) {
                    s.execute(definition);
                }
                s.execute("ANALYZE " + stage.events());
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new EtlException("cannot index the stage table: " + e.getMessage(), e);
        }
    }

    /**
     * Incremental publish: the changed submissions' live events and rejections deleted and their
     * new ones inserted from the stage, in one transaction with the run's success ({@code inMerge}).
     * Delete-and-insert rather than MERGE: a changed submission may have more or fewer answers than
     * before, and deleting all of its old events is the one statement that is right for every case.
     */
    long mergeIn(DataSource dataSource, String changedSubmissions, SqlWork inMerge) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            long inserted = 0;
            for (String[] pair : List.of(new String[]{EventTables.LIVE.events(), stage.events()},
                    new String[]{EventTables.LIVE.rejectedSubmissions(), stage.rejectedSubmissions()},
                    new String[]{EventTables.LIVE.rejectedAnswers(), stage.rejectedAnswers()})) {
                s.execute("DELETE FROM " + pair[0] + " WHERE submission_id IN (" + changedSubmissions + ")");
                int n = s.executeUpdate("INSERT INTO " + pair[0] + " SELECT * FROM " + pair[1]);
                if (pair[0].equals(EventTables.LIVE.events())) {
                    inserted = n;
                }
            }
            inMerge.run(c);
            c.commit();
            c.setAutoCommit(true);
            drop(s);
            return inserted;
        } catch (SQLException e) {
            throw new EtlException("cannot merge the stage into the live table: " + e.getMessage(), e);
        }
    }

    /** After a failed run with nothing to resume: its stage tables are dropped. */
    void dropQuietly(DataSource dataSource) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            drop(s);
        } catch (SQLException ignored) {
            // left behind: a later run of this id never comes, and etl clean drops the database
        }
    }

    /**
     * Renames the stage in and the live table out, in one transaction that also writes the run's
     * success ({@code inSwap}), as {@link StageSwap} does it.
     */
    Swap swapIn(DataSource dataSource, SqlWork inSwap) {
        return new StageSwap(this).swapIn(dataSource, inSwap);
    }

    interface SqlWork {
        void run(Connection connection) throws SQLException;
    }

    void drop(Statement s) throws SQLException {
        for (String table : List.of(stage.events(), stage.rejectedSubmissions(), stage.rejectedAnswers())) {
            s.execute("DROP TABLE IF EXISTS " + table);
        }
    }

    /** CREATE INDEX statements of the live table, rewritten for the stage ({@link #stageIndex} names). */
    private List<String> liveIndexDefinitions(Statement s) throws SQLException {
        List<String> definitions = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT c.relname, pg_get_indexdef(i.indexrelid), i.indisprimary FROM pg_index i "
                + "JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = '" + EventTables.LIVE.events() + "'::regclass ORDER BY 1")) {
            while (rs.next()) {
                String name = rs.getString(1);
                String stageName = stageIndex(name);
                if (rs.getBoolean(3)) {
                    definitions.add("ALTER TABLE " + stage.events() + " ADD CONSTRAINT " + stageName + " PRIMARY KEY USING INDEX " + stageName);
                    definitions.add(0, rs.getString(2).replace("INDEX " + name + " ON dwh." + EventTables.LIVE.eventsName(),
                            "INDEX " + stageName + " ON " + stage.events()));
                } else {
                    definitions.add(rs.getString(2).replace("INDEX " + name + " ON dwh." + EventTables.LIVE.eventsName(),
                            "INDEX " + stageName + " ON " + stage.events()));
                }
            }
        }
        return definitions;
    }

    /** Each live index's name and its stage twin's. */
    List<String[]> indexNames(Statement s) throws SQLException {
        List<String[]> names = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                + "WHERE i.indrelid = '" + EventTables.LIVE.events() + "'::regclass ORDER BY 1")) {
            while (rs.next()) {
                names.add(new String[]{rs.getString(1), stageIndex(rs.getString(1))});
            }
        }
        return names;
    }

    private interface StatementWork {
        void run(Statement statement) throws SQLException;
    }

    private static void run(DataSource dataSource, String what, StatementWork work) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            work.run(s);
        } catch (SQLException e) {
            throw new EtlException("cannot " + what + ": " + e.getMessage(), e);
        }
    }
}
