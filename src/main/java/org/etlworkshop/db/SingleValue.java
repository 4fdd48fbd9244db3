package org.etlworkshop.db;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A query whose answer is one value, the first column of its first row: {@code SELECT count(*) ...},
 * {@code SELECT nextval(...)}, {@code INSERT ... RETURNING id}. The caller keeps its own words for
 * a failure: these throw the {@link SQLException}, and a query that returns no row is one.
 */
public final class SingleValue {
    private SingleValue() {
    }

    public static long longOf(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            return first(rs, sql).getLong(1);
        }
    }

    /** On a connection of its own, returned to the pool at once. */
    public static long longOf(DataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return longOf(connection, sql);
        }
    }

    /** A prepared query whose parameters are bound, e.g. an {@code INSERT ... RETURNING id}. */
    public static long longOf(PreparedStatement query) throws SQLException {
        try (ResultSet rs = query.executeQuery()) {
            return first(rs, "the query").getLong(1);
        }
    }

    public static boolean booleanOf(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            return first(rs, sql).getBoolean(1);
        }
    }

    /** On a connection of its own; {@code type} as pgjdbc's {@code getObject(1, type)} reads it, e.g. {@code OffsetDateTime}. */
    public static <T> T of(DataSource dataSource, String sql, Class<T> type) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            return first(rs, sql).getObject(1, type);
        }
    }

    private static ResultSet first(ResultSet rs, String sql) throws SQLException {
        if (!rs.next()) {
            throw new SQLException("no row from " + sql);
        }
        return rs;
    }
}
