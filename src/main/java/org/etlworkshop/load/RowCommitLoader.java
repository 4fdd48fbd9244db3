package org.etlworkshop.load;

import org.etlworkshop.EtlException;
import org.etlworkshop.transform.EventFactory;
import org.etlworkshop.transform.EventRow;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Iterator;

/**
 * The way loads are often first written: one {@code INSERT} and one commit per event, on a
 * connection in autocommit.
 *
 * <p>SQL: one INSERT per event, each its own transaction, plus one {@code nextval} per 1000 ids.
 *
 * <p>Memory: one event at a time.
 *
 * <p>Cost: a round trip and a commit per event. Commits are where durability costs: with
 * {@code --durable} every one waits for the WAL to reach the disk, which the other loaders pay once.
 *
 * <p><b>The exception</b> to "a failed run leaves the table as it was": the rows committed before a
 * failure stay. Never choose it for bulk work; it is here to show what the others save.
 */
public final class RowCommitLoader implements Loader<EventRow> {
    @Override
    public EventFactory<EventRow> eventFactory() {
        return EventFactory.ROWS;
    }

    @Override
    public long load(Iterator<EventRow> events, LoadTarget target) {
        IdBlocks ids = new IdBlocks(target.dataSource());
        long count = 0;
        try (Connection connection = target.dataSource().getConnection();
             PreparedStatement insert = connection.prepareStatement(EventColumns.insertInto(target.tables().events()))) {
            connection.setAutoCommit(true); // every INSERT commits on its own
            while (events.hasNext()) {
                EventColumns.bind(insert, ids.next(), events.next());
                insert.executeUpdate();
                count++;
            }
        } catch (SQLException e) {
            throw new EtlException("INSERT of event " + (count + 1) + " failed (the " + count + " before it are committed): "
                    + e.getMessage(), e);
        }
        return count;
    }
}
