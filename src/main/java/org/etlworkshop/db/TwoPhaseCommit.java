package org.etlworkshop.db;

import org.etlworkshop.EtlException;
import org.etlworkshop.UsageException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * All or nothing across several connections, by two-phase commit with the decision written down.
 * Once every worker has finished loading, each worker's transaction is {@code PREPARE}d; then the
 * coordinator prepares one more, empty transaction, the <em>decision</em>: from the moment it exists
 * the run is committed. Then the workers are committed ({@code COMMIT PREPARED}) and the decision
 * last. A prepared transaction survives a crash of the client and of the server, so {@link #recover}
 * can finish what a killed run left, and the decision says which way: present, the run had decided
 * to commit and every worker had been prepared, so those left are committed; absent, it had not, so
 * those left are rolled back. Without it a set of prepared workers cannot tell "killed while
 * preparing" from "killed while committing", and guessing commits half an import.
 *
 * <p>Ids are {@code <prefix><run>-<i>-of-<n>} for worker i of n and {@code <prefix><run>-commit-of-<n>}
 * for the decision. Needs {@code max_prepared_transactions > n} (0 by default; the embedded server sets it).
 */
public final class TwoPhaseCommit {
    /** Prepared-transaction ids of {@code etl import --workers} start with this. */
    public static final String IMPORT_PREFIX = "etl-import-";

    private static final String DECISION = "commit";
    private static final Pattern ID = Pattern.compile("(.+)-(\\d+|" + DECISION + ")-of-(\\d+)");

    private final String run;
    private final int workers;
    private boolean decided;

    private TwoPhaseCommit(String run, int workers) {
        this.run = run;
        this.workers = workers;
    }

    /** A new run of {@code workers} transactions named {@code prefix...}; checks the server allows it. */
    public static TwoPhaseCommit begin(Connection connection, String prefix, int workers) throws SQLException {
        long allowed = SingleValue.longOf(connection, "SELECT current_setting('max_prepared_transactions')::int");
        if (allowed < workers + 1) {
            throw new UsageException(workers + " workers need max_prepared_transactions >= " + (workers + 1)
                    + " on the server (it is " + allowed + "): all or nothing across connections is a two-phase commit, "
                    + "one prepared transaction per worker and one for the decision");
        }
        return new TwoPhaseCommit(prefix + UUID.randomUUID(), workers);
    }

    /**
     * Every worker has finished loading: prepares each one's open transaction (worker i is
     * {@code workers.get(i - 1)}), writes the decision, then commits them all, the decision last.
     * A failure before the decision exists leaves the run undecided: {@link #abandon} rolls it back.
     *
     * @param coordinator in autocommit, not one of the workers
     */
    public void commitAll(Connection coordinator, List<Connection> workerConnections) throws SQLException {
        for (int i = 1; i <= workers; i++) {
            try (Statement statement = workerConnections.get(i - 1).createStatement()) {
                statement.execute("PREPARE TRANSACTION '" + id(i) + "'");
            }
        }
        decide(coordinator);
        try {
            for (int i = 1; i <= workers; i++) {
                finish(coordinator, "COMMIT PREPARED", id(i));
            }
            finish(coordinator, "COMMIT PREPARED", decisionId());
        } catch (SQLException e) {
            throw new Unfinished(e);
        }
    }

    /** The commit was decided but not every prepared transaction could be committed: the rows are committed all the same. */
    public static final class Unfinished extends EtlException {
        Unfinished(SQLException e) {
            super("every worker's rows were prepared and the commit decided, but finishing it failed (" + e.getMessage()
                    + "): the rows are committed, and what is still prepared is committed by the next etl import into this database", e);
        }
    }

    /** The decision: an empty transaction, prepared on the coordinator, that outlives a crash like the workers'. */
    private void decide(Connection coordinator) throws SQLException {
        coordinator.setAutoCommit(false);
        try (Statement statement = coordinator.createStatement()) {
            statement.execute("PREPARE TRANSACTION '" + decisionId() + "'");
            decided = true;
        } finally {
            coordinator.setAutoCommit(true);
        }
    }

    /** Whether the commit was decided (then the run must be finished, never rolled back). */
    public boolean decided() {
        return decided;
    }

    /**
     * The run stopped: rolls back the workers already prepared, unless the commit was decided, in
     * which case what is left is committed (as {@link #recover} would). Workers not prepared roll
     * back when their connections do.
     */
    public void abandon(Connection coordinator) {
        try {
            recover(coordinator, run + "-");
        } catch (SQLException ignored) {
            // left for the next recover()
        }
    }

    /**
     * Finishes what earlier runs with this prefix left prepared in this database: with their decision,
     * the workers left are committed; without it, rolled back. Returns what it did, one line per run.
     */
    public static List<String> recover(Connection connection, String prefix) throws SQLException {
        Map<String, List<String>> left = new TreeMap<>();
        Map<String, Integer> sizes = new TreeMap<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT gid FROM pg_prepared_xacts WHERE database = current_database() AND starts_with(gid, ?) ORDER BY gid")) {
            query.setString(1, prefix);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    Matcher m = ID.matcher(rs.getString(1));
                    if (m.matches()) {
                        left.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(m.group(2));
                        sizes.put(m.group(1), Integer.parseInt(m.group(3)));
                    }
                }
            }
        }
        List<String> done = new ArrayList<>();
        for (Map.Entry<String, List<String>> run : left.entrySet()) {
            int n = sizes.get(run.getKey());
            List<String> workers = run.getValue().stream().filter(i -> !i.equals(DECISION)).toList();
            boolean commit = run.getValue().contains(DECISION);
            for (String i : workers) {
                finish(connection, commit ? "COMMIT PREPARED" : "ROLLBACK PREPARED", run.getKey() + "-" + i + "-of-" + n);
            }
            if (commit) {
                finish(connection, "COMMIT PREPARED", run.getKey() + "-" + DECISION + "-of-" + n);
            }
            done.add(commit
                    ? String.format("committed the %d of %d workers' transactions an interrupted import (%s) left prepared: it had "
                    + "prepared all %d and decided to commit", workers.size(), n, run.getKey(), n)
                    : String.format("rolled back the %d of %d workers' transactions an interrupted import (%s) left prepared: it had "
                    + "not decided to commit, so none of its rows were kept", workers.size(), n, run.getKey()));
        }
        return done;
    }

    private String id(int i) {
        return run + "-" + i + "-of-" + workers;
    }

    private String decisionId() {
        return run + "-" + DECISION + "-of-" + workers;
    }

    private static void finish(Connection connection, String command, String id) throws SQLException {
        if (!connection.getAutoCommit()) {
            throw new EtlException("COMMIT/ROLLBACK PREPARED cannot run inside a transaction");
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute(command + " '" + id.replace("'", "''") + "'");
        }
    }
}
