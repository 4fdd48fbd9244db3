package org.etlworkshop.pipeline;

import org.etlworkshop.EtlException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * The process that runs a run, as the database sees it. From the moment a run's row in
 * {@code dwh.etl_runs} is committed until its process ends, the process holds a session-level
 * advisory lock on the run's id, on a connection of its own. PostgreSQL releases it when that
 * connection goes, however the process ends ({@code kill -9} included), so a lock that can be taken
 * means the run's process is gone: how {@link StaleRuns} tells a killed run from one that is still
 * loading in another process, and how {@code --resume} avoids taking over a run that is still alive.
 */
final class RunOwner implements AutoCloseable {
    /** The advisory locks of {@code dwh.etl_runs} ids: the two-key form, this key and the id, apart from anyone else's. */
    private static final int RUNS = 0x65746c72; // "etlr"

    private final Connection connection;

    RunOwner(DataSource pool) {
        try {
            this.connection = pool.getConnection();
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            throw new EtlException("cannot connect to the run database: " + e.getMessage(), e);
        }
    }

    /** Logs a new run as running and takes its lock, in one transaction: no other process ever sees it without its owner. */
    long start(String processor, Publish mode, int chunks, OffsetDateTime watermark, Instant processedOn) {
        try {
            connection.setAutoCommit(false);
            long id = RunLog.start(connection, processor, mode, chunks, watermark, processedOn);
            if (!tryLock(connection, id)) {
                throw new EtlException("run " + id + " is already held by another process");
            }
            connection.commit();
            connection.setAutoCommit(true);
            return id;
        } catch (SQLException e) {
            throw new EtlException("cannot write the run log (dwh.etl_runs): " + e.getMessage(), e);
        }
    }

    /** Takes over an unfinished run ({@code --resume}); false when its process still holds it. */
    boolean claim(long id) {
        try {
            return tryLock(connection, id);
        } catch (SQLException e) {
            throw new EtlException("cannot read the run log (dwh.etl_runs): " + e.getMessage(), e);
        }
    }

    /** Whether run {@code id} was free, and is now held by {@code connection}'s session. */
    static boolean tryLock(Connection connection, long id) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
            lock.setInt(1, RUNS);
            lock.setInt(2, (int) id);
            try (ResultSet rs = lock.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    static void unlock(Connection connection, long id) throws SQLException {
        try (PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
            unlock.setInt(1, RUNS);
            unlock.setInt(2, (int) id);
            unlock.execute();
        }
    }

    /** The run is over: its lock is given up before the connection goes back to the pool. */
    @Override
    public void close() {
        try (connection; Statement statement = connection.createStatement()) {
            if (!connection.getAutoCommit()) {
                connection.rollback();
                connection.setAutoCommit(true);
            }
            statement.execute("SELECT pg_advisory_unlock_all()");
        } catch (SQLException ignored) {
            // the connection is gone, and its locks with it
        }
    }
}
