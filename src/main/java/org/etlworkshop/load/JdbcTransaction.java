package org.etlworkshop.load;

import org.etlworkshop.EtlException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/** One JDBC transaction for the loaders that bypass Hibernate: commit if the work returns, roll back if it throws. */
final class JdbcTransaction {
    private JdbcTransaction() {
    }

    interface Work {
        long run(Connection connection) throws SQLException;
    }

    interface CopyWork {
        long copy(Connection connection, IdBlocks ids) throws SQLException;
    }

    /**
     * What every COPY loader does around its COPY: one transaction, ids drawn from the shared
     * sequence, and the COPY recorded in the statement counts (pgjdbc sends it past JDBC, where
     * the counting proxy cannot see it).
     */
    static long copy(LoadTarget target, String what, CopyWork work) {
        IdBlocks ids = new IdBlocks(target.dataSource());
        long rows = run(target.dataSource(), what, connection -> work.copy(connection, ids));
        target.statistics().recordCopy(rows);
        return rows;
    }

    static long run(DataSource dataSource, String what, Work work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                long rows = work.run(connection);
                connection.commit();
                return rows;
            } catch (RuntimeException | SQLException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new EtlException(what + " failed: " + e.getMessage(), e);
        }
    }
}
