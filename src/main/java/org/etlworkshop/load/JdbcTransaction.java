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
