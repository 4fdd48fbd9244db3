package org.etlworkshop.move;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Collections;
import java.util.List;

/**
 * {@code INSERT INTO table (columns) VALUES (?, ...)} in JDBC batches, one per import batch, which
 * pgjdbc's {@code reWriteBatchedInserts} turns into multi-row INSERTs. Values are sent as text of
 * unspecified type ({@code stringtype=unspecified}), so the server casts each to its column's type
 * exactly as COPY would. A batch the server refuses is bisected ({@link Bisection}).
 */
final class BatchedInserts implements ImportMethod {
    private final String insertSql;

    BatchedInserts(Into into) {
        this.insertSql = insertSql(into.table(), into.columns());
    }

    @Override
    public int batchRows() {
        return Importer.BATCH_ROWS;
    }

    /** What the server refuses as a whole is bisected to the rows to blame. */
    @Override
    public long load(Connection connection, List<Row> batch, Rejects rejects) throws SQLException {
        return Bisection.load(connection, batch, rejects, this::send);
    }

    static String insertSql(TableColumns table, List<String> columns) {
        return "INSERT INTO " + table.quotedName() + " " + TableColumns.quotedList(columns) + " VALUES ("
                + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")";
    }

    private long send(Connection connection, List<Row> batch, Rejects rejects) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(insertSql)) {
            for (Row row : batch) {
                bind(insert, values(row));
                insert.addBatch();
            }
            insert.executeBatch();
        }
        return batch.size();
    }

    static String[] values(Row row) throws SQLException {
        if (row.values() != null) {
            return row.values();
        }
        try {
            return CopyTextLine.decode(row.raw());
        } catch (IllegalArgumentException e) {
            throw new SQLException("line " + row.line() + " is not a COPY text row: " + e.getMessage());
        }
    }

    static void bind(PreparedStatement insert, String[] values) throws SQLException {
        if (values.length != insert.getParameterMetaData().getParameterCount()) {
            throw new SQLException(values.length + " values for " + insert.getParameterMetaData().getParameterCount() + " columns");
        }
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                insert.setNull(i + 1, Types.OTHER);
            } else {
                insert.setString(i + 1, values[i]);
            }
        }
    }
}
