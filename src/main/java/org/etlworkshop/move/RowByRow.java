package org.etlworkshop.move;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * {@code --method row}: one {@code INSERT} and one commit per row, as it is read, the way loads are
 * often first written (the "48-hour way"): a round trip and a WAL flush for every row. The one method
 * that is <em>not atomic</em>: a row is committed or rejected on its own, and the rows committed
 * before a failure stay. Values go as text of unspecified type, cast by the server as in
 * {@link BatchedInserts}; one statement, prepared once.
 */
final class RowByRow implements ImportMethod {
    private final String insertSql;
    private PreparedStatement insert;

    RowByRow(Into into) {
        this.insertSql = BatchedInserts.insertSql(into.table(), into.columns());
    }

    /** Each row as soon as it is read: what was committed before a failure is all that was read. */
    @Override
    public int batchRows() {
        return 1;
    }

    @Override
    public long load(Connection connection, List<Row> batch, Rejects rejects) throws SQLException {
        if (insert == null) {
            insert = connection.prepareStatement(insertSql);
        }
        long written = 0;
        for (Row row : batch) {
            try {
                BatchedInserts.bind(insert, BatchedInserts.values(row));
                insert.executeUpdate(); // autocommit: committed
                written++;
            } catch (SQLException refused) {
                rejects.add(row.line(), row.raw(), Importer.serverMessage(refused));
            }
        }
        return written;
    }

    @Override
    public void close() throws SQLException {
        if (insert != null) {
            insert.close();
        }
    }
}
