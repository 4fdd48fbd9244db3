package org.etlworkshop.move;

import org.etlworkshop.UsageException;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where export and transfer read: one repeatable-read, read-only transaction, begun before any
 * user text reaches the server. It is said in SQL ({@code SET TRANSACTION ... READ ONLY}) rather
 * than through {@code Connection.setReadOnly}, which pgjdbc does not apply to a {@code COPY}: a
 * COPY opens its transaction with a plain {@code BEGIN}. So a query that would write (a
 * {@code nextval}, a data-modifying CTE, a function that inserts) fails instead of writing.
 */
final class ReadOnlySnapshot {
    private ReadOnlySnapshot() {
    }

    static void begin(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
        }
    }

    /** {@code (\nquery\n)} for a user's query checked to be one statement: the line breaks end a trailing {@code --} comment. */
    static String subquery(String query) {
        return "(\n" + QueryText.single(query) + "\n)";
    }

    /**
     * Column names and pgjdbc's type names of a relation or a subquery, without reading a row,
     * inside the snapshot: a subquery that does not stand alone (a crafted text that closes the
     * parenthesis around it) fails here, before any COPY is built around it.
     */
    static Map<String, String> columns(Connection connection, String relation) throws SQLException {
        Map<String, String> types = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT * FROM " + relation + " q LIMIT 0")) {
            ResultSetMetaData meta = rs.getMetaData();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                if (types.put(meta.getColumnLabel(i), meta.getColumnTypeName(i)) != null) {
                    throw new UsageException("the query has two columns named " + meta.getColumnLabel(i) + "; name them apart");
                }
            }
        }
        return types;
    }
}
