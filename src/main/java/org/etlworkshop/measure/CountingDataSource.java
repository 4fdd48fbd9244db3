package org.etlworkshop.measure;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;

/**
 * Counts the statements a run executes, at the JDBC level, as cheaply as possible: connections and
 * plain statements are wrapped in small dynamic proxies, prepared statements in a plain class
 * ({@link CountingPreparedStatement}), that look at the SQL and count executions, batches and batched
 * rows, and otherwise pass every call straight through. Nothing is recorded per bound
 * parameter: a general-purpose proxy that does (datasource-proxy) cost 15 to 20% of the batched
 * loaders' speed here.
 */
public final class CountingDataSource implements DataSource {
    private final DataSource target;
    private final SqlStatistics statistics;
    private final boolean logSql;

    public CountingDataSource(DataSource target, SqlStatistics statistics, boolean logSql) {
        this.target = target;
        this.statistics = statistics;
        this.logSql = logSql;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return wrap(target.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return wrap(target.getConnection(username, password));
    }

    private Connection wrap(Connection connection) throws SQLException {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[]{Connection.class},
                new ConnectionHandler(connection, connection.getAutoCommit()));
    }

    /**
     * Wraps the statements a connection creates and counts its commits; everything else goes to the real
     * connection. The autocommit mode is followed here (not asked of the driver per statement) because in
     * autocommit every statement is a commit: the cost {@code row-commit} teaches.
     */
    private final class ConnectionHandler implements InvocationHandler {
        private final Connection connection;
        private boolean autoCommit;

        ConnectionHandler(Connection connection, boolean autoCommit) {
            this.connection = connection;
            this.autoCommit = autoCommit;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            Object result = call(connection, method, args);
            String name = method.getName();
            if (name.equals("commit")) {
                statistics.recordCommit();
            } else if (name.equals("setAutoCommit")) {
                autoCommit = (Boolean) args[0];
            }
            if (result instanceof Statement statement
                    && (name.equals("createStatement") || name.equals("prepareStatement") || name.equals("prepareCall"))) {
                String sql = args != null && args.length > 0 && args[0] instanceof String s ? s : null;
                StatementCounter counter = new StatementCounter(statistics, sql, logSql, () -> autoCommit);
                if (result instanceof PreparedStatement prepared && !(result instanceof CallableStatement)) {
                    return new CountingPreparedStatement(prepared, counter); // the hot path of the batched loaders
                }
                Class<?> type = result instanceof CallableStatement ? CallableStatement.class : Statement.class;
                return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, new StatementHandler(statement, counter));
            }
            return result;
        }
    }

    /** Counts a plain or callable statement's executions and batches. */
    private record StatementHandler(Statement statement, StatementCounter counter) implements InvocationHandler {
        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "addBatch" -> counter.addBatch();
                case "clearBatch" -> counter.clearBatch();
                case "executeBatch", "executeLargeBatch" -> counter.executeBatch();
                case "execute", "executeQuery", "executeUpdate", "executeLargeUpdate" ->
                        counter.execute(args != null && args.length > 0 && args[0] instanceof String s ? s : null);
                default -> {
                }
            }
            return call(statement, method, args);
        }
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return target.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        target.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        target.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return target.getLoginTimeout();
    }

    @Override
    public java.util.logging.Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return target.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return type.isInstance(this) ? type.cast(this) : target.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || target.isWrapperFor(type);
    }
}
