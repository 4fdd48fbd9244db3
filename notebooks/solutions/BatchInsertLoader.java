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
 * Lesson 4's Java exercise, solved: plain JDBC INSERTs in batches of {@code chunkSize}, in one transaction.
 * With the processor's {@code reWriteBatchedInserts=true}, pgjdbc sends each batch as multi-row INSERTs.
 */
public final class BatchInsertLoader implements Loader<EventRow> {
    private final int chunkSize;

    public BatchInsertLoader(int chunkSize) {
        this.chunkSize = chunkSize;
    }

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
            connection.setAutoCommit(false); // all or nothing
            try {
                while (events.hasNext()) {
                    EventColumns.bind(insert, ids.next(), events.next());
                    insert.addBatch();
                    if (++count % chunkSize == 0) {
                        insert.executeBatch(); // one round trip for chunkSize rows
                    }
                }
                if (count % chunkSize != 0) {
                    insert.executeBatch();
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new EtlException("loading event " + (count + 1) + " failed: " + e.getMessage(), e);
        }
        return count;
    }
}
