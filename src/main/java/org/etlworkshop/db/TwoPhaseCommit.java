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
 * All or nothing across several connections: each worker's transaction is {@code PREPARE}d, and
 * only when every one is prepared are they committed, in order ({@code COMMIT PREPARED}). A
 * prepared transaction survives a crash of the client and of the server, so {@link #recover}
 * finishes what a killed run left: its transaction ids say which phase it died in.
 *
 * <p>Ids are {@code <prefix><run>-<i>-of-<n>}. Workers prepare in order 1..n and are committed in
 * order 1..n. Left prepared with worker 1 among them but not all n: it died while preparing, none
 * was committed, so they are rolled back. Worker 1 gone (committed) or all n there: it had decided
 * to commit (or could have), so the rest are committed. Either way the run is all or nothing.
 *
 * <p>Needs {@code max_prepared_transactions > 0} (0 by default; the embedded server sets it).
 */
public final class TwoPhaseCommit {
    private static final Pattern ID = Pattern.compile("(.+)-(\\d+)-of-(\\d+)");

    private final String run;
    private final int workers;

    private TwoPhaseCommit(String run, int workers) {
        this.run = run;
        this.workers = workers;
    }

    /** A new run of {@code workers} transactions named {@code prefix...}; checks the server allows it. */
    public static TwoPhaseCommit begin(Connection connection, String prefix, int workers) throws SQLException {
        long allowed = SingleValue.longOf(connection, "SELECT current_setting('max_prepared_transactions')::int");
        if (allowed < workers) {
            throw new UsageException(workers + " workers need max_prepared_transactions >= " + workers
                    + " on the server (it is " + allowed + "): all or nothing across connections is a two-phase commit");
        }
        return new TwoPhaseCommit(prefix + UUID.randomUUID(), workers);
    }

    /** Ends worker {@code i}'s (1-based) open transaction in the prepared state. */
    public void prepare(Connection worker, int i) throws SQLException {
        try (Statement statement = worker.createStatement()) {
            statement.execute("PREPARE TRANSACTION '" + id(i) + "'");
        }
    }

    /** Every worker prepared: commit them, 1 to n. */
    public void commitAll(Connection connection) throws SQLException {
        for (int i = 1; i <= workers; i++) {
            finish(connection, "COMMIT PREPARED", id(i));
        }
    }

    /** A worker failed: roll back those already prepared (the others roll back when their connection does). */
    public void rollbackPrepared(Connection connection) {
        for (int i = 1; i <= workers; i++) {
            try {
                if (isPrepared(connection, id(i))) {
                    finish(connection, "ROLLBACK PREPARED", id(i));
                }
            } catch (SQLException ignored) {
                // left for recover()
            }
        }
    }

    /** Finishes what earlier runs with this prefix left prepared in this database; returns what it did, one line each. */
    public static List<String> recover(Connection connection, String prefix) throws SQLException {
        Map<String, List<Integer>> left = new TreeMap<>();
        Map<String, Integer> sizes = new TreeMap<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT gid FROM pg_prepared_xacts WHERE database = current_database() AND starts_with(gid, ?)")) {
            query.setString(1, prefix);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    Matcher m = ID.matcher(rs.getString(1));
                    if (m.matches()) {
                        left.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(Integer.parseInt(m.group(2)));
                        sizes.put(m.group(1), Integer.parseInt(m.group(3)));
                    }
                }
            }
        }
        List<String> done = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> run : left.entrySet()) {
            int n = sizes.get(run.getKey());
            boolean commit = !run.getValue().contains(1) || run.getValue().size() == n;
            for (int i : run.getValue()) {
                finish(connection, commit ? "COMMIT PREPARED" : "ROLLBACK PREPARED", run.getKey() + "-" + i + "-of-" + n);
            }
            done.add((commit ? "committed " : "rolled back ") + run.getValue().size() + " of " + n
                    + " prepared transactions of an interrupted run (" + run.getKey() + ")");
        }
        return done;
    }

    private String id(int i) {
        return run + "-" + i + "-of-" + workers;
    }

    private static boolean isPrepared(Connection connection, String id) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_prepared_xacts WHERE gid = ?")) {
            query.setString(1, id);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next();
            }
        }
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
