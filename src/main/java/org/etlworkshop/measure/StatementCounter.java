package org.etlworkshop.measure;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.BooleanSupplier;

/**
 * What one counted statement records: each execution by the kind of its SQL, and each batch with
 * its size; in autocommit each is also a commit (its own transaction); with {@code --debug-sql}, each
 * is logged too. One per statement, used by one thread.
 */
final class StatementCounter {
    private static final Logger SQL_LOG = LoggerFactory.getLogger("etl.sql");

    private final SqlStatistics statistics;
    private final String preparedSql;
    private final boolean logSql;
    private final BooleanSupplier autoCommit;
    private int pendingBatch;

    /** @param preparedSql the statement's SQL when it was prepared, null for a plain statement */
    /** @param autoCommit whether its connection is in autocommit now (followed by the connection's wrapper) */
    StatementCounter(SqlStatistics statistics, String preparedSql, boolean logSql, BooleanSupplier autoCommit) {
        this.statistics = statistics;
        this.preparedSql = preparedSql;
        this.logSql = logSql;
        this.autoCommit = autoCommit;
    }

    void addBatch() {
        pendingBatch++;
    }

    void clearBatch() {
        pendingBatch = 0;
    }

    void executeBatch() {
        statistics.recordBatch(pendingBatch);
        if (logSql) {
            SQL_LOG.info("batch of {}: {}", pendingBatch, preparedSql);
        }
        pendingBatch = 0;
        committedIfAutoCommit();
    }

    /** @param sql the SQL executed, or null for the prepared one */
    void execute(String sql) {
        String executed = sql != null ? sql : preparedSql;
        statistics.recordExecute(executed);
        if (logSql) {
            SQL_LOG.info("{}", executed);
        }
        committedIfAutoCommit();
    }

    private void committedIfAutoCommit() {
        if (autoCommit.getAsBoolean()) {
            statistics.recordCommit();
        }
    }
}
