package org.etlworkshop.pipeline;

import org.etlworkshop.EtlException;
import org.etlworkshop.db.SingleValue;
import org.etlworkshop.model.Timestamptz;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * {@code dwh.etl_runs} and {@code dwh.etl_checkpoints}: every run as it started and as it ended, in
 * the warehouse itself (readable with {@code etl psql}), and the chunks a checkpointed run has
 * loaded. A run's start is committed on its own; its end is written in the same transaction that
 * publishes, so the log never says "succeeded" about something readers cannot see.
 */
final class RunLog {
    /** A run that did not finish, to {@code --resume}; its {@code processedOn} is stamped on every event of every attempt. */
    record Unfinished(long id, Publish mode, int chunks, Optional<OffsetDateTime> changedAfter, OffsetDateTime changedUntil,
                      Optional<Instant> processedOn) {
    }

    private RunLog() {
    }

    /**
     * In the caller's transaction ({@link RunOwner#start}, which takes the run's lock in it too).
     *
     * @param chunks      the source's id ranges of a checkpointed or parallel run; 0 for one pass (nothing to resume)
     * @param processedOn the run's stamp on its events and rejections, kept for a resume's attempts
     */
    static long start(Connection connection, String processor, Publish mode, int chunks, OffsetDateTime watermark,
                      Instant processedOn) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO dwh.etl_runs (processor, mode, status, chunks, "
                + "watermark, processed_on) VALUES (?, ?, 'running', ?, ?, ?) RETURNING id")) {
            insert.setString(1, processor);
            insert.setString(2, mode.label());
            insert.setObject(3, chunks > 0 ? chunks : null); // NULL: not resumable
            insert.setObject(4, watermark);
            insert.setObject(5, Timestamptz.toOffsetDateTime(processedOn));
            return SingleValue.longOf(insert);
        }
    }

    /** In the caller's (publishing) transaction; its note is the run's mode. */
    static void succeeded(Connection connection, RunPlan plan, long read, long written, long rejected) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE dwh.etl_runs SET status = 'succeeded', "
                + "finished = clock_timestamp(), rows_read = ?, rows_written = ?, rows_rejected = ?, watermark = ?, note = ? "
                + "WHERE id = ?")) {
            update.setLong(1, read);
            update.setLong(2, written);
            update.setLong(3, rejected);
            update.setObject(4, plan.until());
            update.setString(5, plan.fullIncremental() ? plan.mode().label() + ": nothing to start from (no earlier successful "
                    + "run), so everything was read and swapped in, as a staged run does" : plan.mode().label());
            update.setLong(6, plan.runId());
            update.executeUpdate();
        }
    }

    /** On its own connection: the run's own may be gone with the failure. */
    static void failed(DataSource dataSource, long id, String why) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement update = connection.prepareStatement(
                "UPDATE dwh.etl_runs SET status = 'failed', finished = clock_timestamp(), note = ? WHERE id = ? AND status = 'running'")) {
            update.setString(1, why);
            update.setLong(2, id);
            update.executeUpdate();
        } catch (SQLException ignored) {
            // the log stays 'running': --resume treats it the same
        }
    }

    /** The watermark of the last successful run: the newest {@code updated_at} it read. */
    static Optional<OffsetDateTime> lastWatermark(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT watermark FROM dwh.etl_runs WHERE status = 'succeeded' "
                     + "ORDER BY finished DESC, id DESC LIMIT 1")) {
            return rs.next() ? Optional.ofNullable(rs.getObject(1, OffsetDateTime.class)) : Optional.empty();
        } catch (SQLException e) {
            throw new EtlException("cannot read the run log (dwh.etl_runs): " + e.getMessage(), e);
        }
    }

    /** The newest run of {@code processor} that neither succeeded nor was superseded, when it has checkpoints to resume. */
    static Optional<Unfinished> unfinished(DataSource dataSource, String processor) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement query = connection.prepareStatement(
                "SELECT r.id, r.mode, r.chunks, (SELECT watermark FROM dwh.etl_runs p WHERE p.status = 'succeeded' AND p.id < r.id "
                        + "ORDER BY p.id DESC LIMIT 1), r.watermark, r.processed_on FROM dwh.etl_runs r WHERE r.processor = ? AND r.status <> 'succeeded' "
                        + "AND r.chunks IS NOT NULL AND r.id > coalesce((SELECT max(id) FROM dwh.etl_runs WHERE status = 'succeeded'), 0) "
                        + "ORDER BY r.id DESC LIMIT 1")) {
            query.setString(1, processor);
            try (ResultSet rs = query.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Unfinished(rs.getLong(1), Publish.named(rs.getString(2)), rs.getInt(3),
                        Optional.ofNullable(rs.getObject(4, OffsetDateTime.class)), rs.getObject(5, OffsetDateTime.class),
                        Optional.ofNullable(rs.getObject(6, OffsetDateTime.class)).map(OffsetDateTime::toInstant)));
            }
        } catch (SQLException e) {
            throw new EtlException("cannot read the run log (dwh.etl_runs): " + e.getMessage(), e);
        }
    }

    static void reopen(DataSource dataSource, long id) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE dwh.etl_runs SET status = 'running', finished = NULL, note = 'resumed' WHERE id = " + id);
        } catch (SQLException e) {
            throw new EtlException("cannot write the run log (dwh.etl_runs): " + e.getMessage(), e);
        }
    }

    static void checkpoint(DataSource dataSource, long id, int chunk, long events) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO dwh.etl_checkpoints (run_id, chunk, events) VALUES (?, ?, ?)")) {
            insert.setLong(1, id);
            insert.setInt(2, chunk);
            insert.setLong(3, events);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new EtlException("cannot write the checkpoint: " + e.getMessage(), e);
        }
    }

    /** The events of the chunks a run checkpointed. */
    static long checkpointedEvents(DataSource dataSource, long id) {
        try {
            return SingleValue.longOf(dataSource, "SELECT coalesce(sum(events), 0) FROM dwh.etl_checkpoints WHERE run_id = " + id);
        } catch (SQLException e) {
            throw new EtlException("cannot read the checkpoints: " + e.getMessage(), e);
        }
    }

    static Set<Integer> checkpoints(DataSource dataSource, long id) {
        Set<Integer> done = new HashSet<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT chunk FROM dwh.etl_checkpoints WHERE run_id = " + id)) {
            while (rs.next()) {
                done.add(rs.getInt(1));
            }
        } catch (SQLException e) {
            throw new EtlException("cannot read the checkpoints: " + e.getMessage(), e);
        }
        return done;
    }
}
