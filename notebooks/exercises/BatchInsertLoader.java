import org.etlworkshop.EtlException;
import org.etlworkshop.load.EventColumns;
import org.etlworkshop.load.IdBlocks;
import org.etlworkshop.load.LoadTarget;
import org.etlworkshop.load.Loader;
import org.etlworkshop.transform.EventFactory;
import org.etlworkshop.transform.EventRow;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Iterator;

/**
 * Lesson 4's Java exercise: a loader of your own, with plain JDBC and no Hibernate.
 *
 * <p>As given, it is row-commit: one INSERT and one commit per event. Make it send the INSERTs as JDBC batches of
 * {@code chunkSize} rows ({@code addBatch}, then {@code executeBatch} every {@code chunkSize} events and once at the
 * end) in ONE transaction (auto-commit off, one {@code commit()} at the end, {@code rollback()} if anything fails).
 * The notebook compiles this file against the tool's jar and runs it with {@code etl process --catalog}.
 */
public final class BatchInsertLoader implements Loader<EventRow> {
    private final int chunkSize;

    public BatchInsertLoader(int chunkSize) {
        this.chunkSize = chunkSize;
    }

    @Override
    public EventFactory<EventRow> eventFactory() {
        return EventFactory.ROWS; // plain records, no entities
    }

    @Override
    public long load(Iterator<EventRow> events, LoadTarget target) {
        IdBlocks ids = new IdBlocks(target.dataSource()); // the event ids, 1000 per nextval
        long count = 0;
        try (Connection connection = target.dataSource().getConnection();
             PreparedStatement insert = connection.prepareStatement(EventColumns.insertInto(target.tables().events()))) {
            connection.setAutoCommit(true); // TODO: one transaction for the whole load
            while (events.hasNext()) {
                EventColumns.bind(insert, ids.next(), events.next());
                insert.executeUpdate(); // TODO: queue it in the batch, send the batch every chunkSize events
                count++;
            }
            // TODO: send the last, partial batch; commit
        } catch (SQLException e) {
            throw new EtlException("loading event " + (count + 1) + " failed: " + e.getMessage(), e);
        }
        return count;
    }
}
