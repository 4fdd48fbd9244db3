package org.etlworkshop.limit;

import org.etlworkshop.load.CeilingFamily;
import org.etlworkshop.load.EventColumns;
import org.etlworkshop.load.EventTables;
import org.etlworkshop.transform.EventRow;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * {@code INSERT INTO dwh.response_events ... VALUES (?, ...)} in plain {@link PreparedStatement}
 * batches of {@value #BATCH}, which pgjdbc rewrites into multi-row INSERTs
 * ({@code reWriteBatchedInserts=true} on the pool). No ORM: the ceiling of every Hibernate loader.
 */
final class JdbcBatch implements CeilingLoad {
    static final int BATCH = 1000;

    @Override
    public String name() {
        return CeilingFamily.JDBC_BATCH.ceilingName();
    }

    @Override
    public String method(ReadyRows rows) {
        return "plain PreparedStatement batches of " + BATCH + ", reWriteBatchedInserts=true";
    }

    @Override
    public void load(Connection connection, ReadyRows rows) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(EventColumns.insertInto(EventTables.LIVE.events()))) {
            long id = 0;
            for (EventRow e : rows.events()) {
                EventColumns.bind(insert, ++id, e);
                insert.addBatch();
                if (id % BATCH == 0) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        }
    }
}
