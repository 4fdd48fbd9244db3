package org.etlworkshop.db;

import org.etlworkshop.EtlException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * Brings the server to rest before a measured load, so a run does not pay for the one before it:
 * a {@code CHECKPOINT} writes out what preparing the run left dirty (the copied template, the
 * previous load), and the run waits while autovacuum workers are still busy on what an earlier run
 * wrote. Untimed: it belongs to the preparation, not to the run.
 */
public final class ServerSettle {
    /** How long to wait for autovacuum at most; a worker busier than this is left running and reported. */
    static final Duration MAX_WAIT = Duration.ofSeconds(60);
    private static final String AUTOVACUUM_WORKERS =
            "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'autovacuum worker'";

    /**
     * @param checkpointed   false where the user may not run CHECKPOINT (an external server without
     *                       {@code pg_checkpoint}); the run goes on
     * @param autovacuumIdle false when a worker was still busy after {@link #MAX_WAIT}
     */
    public record Settled(Duration took, boolean checkpointed, boolean autovacuumIdle) {
    }

    private ServerSettle() {
    }

    public static Settled settle(DataSource dataSource) {
        long start = System.nanoTime();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(true);
            boolean idle = waitForAutovacuum(statement, start);
            boolean checkpointed;
            try {
                statement.execute("CHECKPOINT");
                checkpointed = true;
            } catch (SQLException notAllowed) {
                checkpointed = false;
            }
            return new Settled(Duration.ofNanos(System.nanoTime() - start), checkpointed, idle);
        } catch (SQLException e) {
            throw new EtlException("cannot settle the server before the run: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EtlException("interrupted while waiting for the server to settle");
        }
    }

    private static boolean waitForAutovacuum(Statement statement, long start) throws SQLException, InterruptedException {
        while (true) {
            if (SingleValue.longOf(statement.getConnection(), AUTOVACUUM_WORKERS) == 0) {
                return true;
            }
            if (System.nanoTime() - start > MAX_WAIT.toNanos()) {
                return false;
            }
            Thread.sleep(200);
        }
    }
}
