package org.etlworkshop.move;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * How an import's rows reach the table ({@code --method}), the lesson in three parts, one class each:
 * {@link CopyRows} (the default: COPY FROM STDIN), {@link BatchedInserts} (JDBC batches rewritten to
 * multi-row INSERTs) and {@link RowByRow} (one INSERT and one commit per row, the "48-hour way").
 * Each {@link Importer.Method} constant makes its class; a new method is that class and one constant.
 */
interface ImportMethod extends AutoCloseable {
    /**
     * What a method writes into.
     *
     * @param columns              the table's columns for the source's values, in the source's order
     * @param serverSkipsBadValues the server may skip a row whose value does not fit its type itself (COPY's {@code ON_ERROR})
     */
    record Into(TableColumns table, List<String> columns, boolean serverSkipsBadValues) {
    }

    /** How many rows it takes at a time. */
    int batchRows();

    /**
     * Writes one batch on {@code connection} (in the import's open transaction when the method is
     * atomic, {@link Importer.Method#atomic}); returns
     * the rows written. The rows it could not write are reported to {@code rejects}, with the
     * server's reason; throws only for what no row is to blame for (a dropped connection).
     */
    long load(Connection connection, List<Row> batch, Rejects rejects) throws SQLException;

    /** Releases what it kept open across batches. */
    @Override
    default void close() throws SQLException {
    }
}
