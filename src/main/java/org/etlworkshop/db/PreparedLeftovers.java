package org.etlworkshop.db;

import org.etlworkshop.EtlException;
import org.postgresql.Driver;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * A prepared transaction outlives every connection, holds its locks until it is finished, and keeps
 * its database from being dropped or copied ("database ... is being used by prepared transactions").
 * Before a database is dropped, those an interrupted {@code etl import --workers} left in it
 * ({@link TwoPhaseCommit#IMPORT_PREFIX}) are rolled back: whatever they hold goes with the database.
 * Any other, and any at all in a database that is about to be copied, is named with the command
 * that clears it, and nothing is dropped or copied: it may be someone's work in progress.
 */
final class PreparedLeftovers {
    private record Prepared(String gid, String when) {
    }

    private PreparedLeftovers() {
    }

    /**
     * @param database the database about to be dropped (or copied, when {@code dropping} is false)
     * @param psql     how the user reaches it, e.g. {@code ./etl psql medium}
     */
    static void clear(Connection maintenance, ConnectionInfo database, boolean dropping, String psql) throws SQLException {
        List<Prepared> ours = new ArrayList<>();
        List<Prepared> others = new ArrayList<>();
        try (PreparedStatement query = maintenance.prepareStatement("SELECT gid, to_char(prepared, 'YYYY-MM-DD HH24:MI:SS'), owner "
                + "FROM pg_prepared_xacts WHERE database = ? ORDER BY prepared")) {
            query.setString(1, database.database());
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    (dropping && rs.getString(1).startsWith(TwoPhaseCommit.IMPORT_PREFIX) ? ours : others)
                            .add(new Prepared(rs.getString(1), rs.getString(2) + " by " + rs.getString(3)));
                }
            }
        }
        if (!others.isEmpty()) {
            Prepared first = others.get(0);
            throw new EtlException(String.format("database %s cannot be %s: it holds a prepared transaction, '%s' (prepared %s%s), "
                    + "which outlives every connection and holds its locks until finished; clear it with: %s -c \"ROLLBACK PREPARED "
                    + "'%s'\" (COMMIT PREPARED keeps its changes)", database.database(), dropping ? "dropped" : "copied", first.gid(),
                    first.when(), others.size() == 1 ? "" : "; " + others.size() + " in all", psql, first.gid().replace("'", "''")));
        }
        if (ours.isEmpty()) {
            return;
        }
        Properties properties = new Properties();
        properties.setProperty("user", database.user());
        database.password().ifPresent(p -> properties.setProperty("password", p));
        // ROLLBACK PREPARED runs only in the prepared transaction's own database
        try (Connection c = new Driver().connect(database.jdbcUrl(), properties); Statement s = c.createStatement()) {
            for (Prepared leftover : ours) {
                s.execute("ROLLBACK PREPARED '" + leftover.gid().replace("'", "''") + "'");
            }
        }
    }
}
