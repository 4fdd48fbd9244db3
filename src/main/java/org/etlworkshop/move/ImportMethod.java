package org.etlworkshop.move;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * How an import's rows reach the table ({@code --method}), the lesson in three parts:
 * {@link CopyRows} (the default: COPY FROM STDIN), {@link BatchedInserts} (JDBC batches rewritten
 * to multi-row INSERTs) and one INSERT and one commit per row (the "48-hour way", which
 * {@link Importer} runs itself because it is the one method that is not atomic).
 */
interface ImportMethod {

    /**
     * Sends one batch in the import's open transaction; returns the rows written. Rows the server
     * skips itself are reported to {@code rejects}. Throws when the server refuses the batch as a
     * whole: the caller rolls the batch back and bisects it to find the rows to blame.
     */
    long send(Connection connection, List<Row> batch, Rejects rejects) throws SQLException;
}
