package org.etlworkshop.limit;

import org.etlworkshop.load.CeilingFamily;
import org.etlworkshop.load.EventColumns;
import org.etlworkshop.model.Timestamptz;
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
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + EventColumns.TABLE + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            long id = 0;
            for (EventRow e : rows.events()) {
                insert.setLong(1, ++id);
                insert.setObject(2, e.formId());
                insert.setString(3, e.formName());
                insert.setObject(4, e.userId());
                insert.setString(5, e.userFullName());
                insert.setObject(6, e.submissionId());
                insert.setObject(7, Timestamptz.toOffsetDateTime(e.submissionCreated()));
                insert.setObject(8, Timestamptz.toOffsetDateTime(e.processedOn()));
                insert.setString(9, e.schemaPath());
                insert.setString(10, e.value());
                insert.setString(11, e.answerType());
                insert.setString(12, e.tag());
                insert.addBatch();
                if (id % BATCH == 0) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        }
    }
}
