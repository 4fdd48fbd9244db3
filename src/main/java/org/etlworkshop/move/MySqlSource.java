package org.etlworkshop.move;

import org.etlworkshop.EtlException;
import org.etlworkshop.UsageException;
import org.etlworkshop.db.CopyBinaryRow;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Properties;
import java.util.StringJoiner;

/**
 * A MySQL or MariaDB query's rows, streamed: Connector/J reads the result from the socket as the
 * rows are asked for ({@code setFetchSize}), so memory holds a fetch of rows, not the result. Each
 * row is read into one reused array of values through {@link MySqlTypes}; a row with a value
 * PostgreSQL cannot hold goes to the rejects with its row number, column, value and reason.
 *
 * <p>How: the query is first prepared on the server, which types its columns without running it.
 * The rows then come as MySQL's text, which is exact for every type but two, selected so that they
 * are too: a FLOAT widened to a DOUBLE (its text rounds to six digits), a DATETIME or TIMESTAMP as
 * its text (Connector/J would parse it, refuse a zero day and move it through the JVM's time zone).
 * With either, the query becomes {@code SELECT ... FROM (query) AS source}. The session's time zone
 * is UTC, so a TIMESTAMP's text is its instant; the query runs in a read-only transaction from one
 * consistent snapshot, as one statement.
 */
final class MySqlSource implements AutoCloseable {
    private static final int FETCH_ROWS = 1000;

    private final Connection connection;
    private final String select;
    private Statement statement;
    private final List<MySqlTypes.Column> columns = new ArrayList<>();
    private final List<MySqlTypes.Mapping> mappings = new ArrayList<>();
    private final MySqlValues values;

    /** Whether a {@code --from} is a MySQL or MariaDB JDBC URL. */
    static boolean handles(String url) {
        return url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:");
    }

    /** Connects, starts the read-only snapshot and prepares {@code query}: its columns are typed before any row is read. */
    static MySqlSource open(String url, String query, MySqlValues values) {
        Properties settings = new Properties();
        settings.setProperty("useServerPrepStmts", "true"); // the prepare that types the columns happens on the server
        settings.setProperty("tinyInt1isBit", "true");
        settings.setProperty("allowMultiQueries", "false");
        Connection connection;
        try {
            connection = connect(url, settings);
        } catch (SQLException e) {
            throw new EtlException("cannot connect to the MySQL/MariaDB source: " + message(e), e);
        }
        try {
            return new MySqlSource(connection, query, values);
        } catch (SQLException | RuntimeException e) {
            abort(connection);
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new UsageException("the source refused the query: " + message((SQLException) e));
        }
    }

    /** A connection through Connector/J, which takes jdbc:mysql: only with permitMysqlScheme (that DriverManager cannot pass it). */
    static Connection connect(String url, Properties settings) throws SQLException {
        return DriverManager.getConnection(url.replaceFirst("^jdbc:mysql:", "jdbc:mariadb:"), settings);
    }

    /** {@code SELECT * FROM `db`.`table`} for {@code --from-table db.table} (or {@code table}, in the URL's database). */
    static String selectAll(String table) {
        StringJoiner quoted = new StringJoiner(".");
        for (String part : table.split("\\.", 2)) {
            quoted.add("`" + part.replace("`", "``") + "`");
        }
        return "SELECT * FROM " + quoted;
    }

    private MySqlSource(Connection connection, String query, MySqlValues values) throws SQLException {
        this.connection = connection;
        this.values = values;
        try (Statement session = connection.createStatement()) {
            session.execute("SET time_zone = '+00:00'");
            session.execute("SET SESSION TRANSACTION READ ONLY");
            session.execute("START TRANSACTION READ ONLY, WITH CONSISTENT SNAPSHOT");
        }
        try (PreparedStatement prepared = connection.prepareStatement(query)) {
            ResultSetMetaData meta = prepared.getMetaData();
            if (meta == null || meta.getColumnCount() == 0) {
                throw new UsageException("the query returns no columns: give a SELECT");
            }
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                MySqlTypes.Column column = MySqlTypes.column(meta, i);
                if (columns.stream().anyMatch(c -> c.name().equals(column.name()))) {
                    throw new UsageException("the query has two columns named " + column.name() + "; name them apart");
                }
                columns.add(column);
                mappings.add(MySqlTypes.of(meta, i));
            }
        }
        this.select = select(query);
    }

    /** The query itself, or, when a column must be selected otherwise, {@code SELECT a, f + 0e0 AS f, ... FROM (query) AS source}. */
    private String select(String query) {
        List<String> expressions = new ArrayList<>();
        boolean asItIs = true;
        for (int i = 0; i < columns.size(); i++) {
            String quoted = "`" + columns.get(i).name().replace("`", "``") + "`";
            String expression = mappings.get(i).select().apply("source." + quoted);
            asItIs &= expression.equals("source." + quoted);
            expressions.add(expression + " AS " + quoted);
        }
        return asItIs ? query : "SELECT " + String.join(", ", expressions) + " FROM (" + query + ") AS source";
    }

    List<MySqlTypes.Column> columns() {
        return columns;
    }

    /** The PostgreSQL type of each column, in order. */
    List<String> postgresTypes() {
        List<String> types = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            types.add(mappings.get(i).target().apply(columns.get(i)));
        }
        return types;
    }

    /**
     * Runs the query; the rows PostgreSQL can hold, each as the same reused array (encode it before
     * asking for the next). {@code atEnd} runs once the last row has been read.
     */
    Iterator<Object[]> rows(Rejects rejects, Runnable atEnd) {
        ResultSet rs;
        try {
            statement = connection.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            statement.setFetchSize(FETCH_ROWS); // streamed: rows read from the socket as they are asked for
            rs = statement.executeQuery(select);
        } catch (SQLException e) {
            throw new EtlException("the source's query failed: " + message(e), e);
        }
        Object[] row = new Object[columns.size()];
        return new Iterator<>() {
            private long number;
            private boolean ready;
            private boolean ended;

            @Override
            public boolean hasNext() {
                try {
                    while (!ready && !ended) {
                        if (!rs.next()) {
                            ended = true;
                            atEnd.run(); // before closing: a result the driver had kept whole would still be held
                            rs.close();
                        } else {
                            number++;
                            ready = read(rs, row, number, rejects);
                        }
                    }
                    return ready;
                } catch (SQLException e) {
                    throw new EtlException("reading the source failed at row " + number + ": " + message(e), e);
                }
            }

            @Override
            public Object[] next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                ready = false;
                return row;
            }
        };
    }

    /** Fills {@code row} from the current row; false when one of its values was rejected. */
    private boolean read(ResultSet rs, Object[] row, long number, Rejects rejects) throws SQLException {
        for (int i = 0; i < row.length; i++) {
            try {
                row[i] = mappings.get(i).reader().read(rs, i + 1, values);
            } catch (MySqlValues.Rejected e) {
                String value = rs.getString(i + 1);
                String shown = value == null ? "NULL" : escaped(value.length() > 200 ? value.substring(0, 200) + "..." : value);
                rejects.add(number, raw(rs), "column " + columns.get(i).name() + ", value '" + shown + "': " + e.getMessage());
                return false;
            }
        }
        return true;
    }

    /** The row as MySQL's {@code SELECT ... INTO OUTFILE} writes it: tab-separated, {@code \N} for NULL, bytes in hex. */
    private String raw(ResultSet rs) throws SQLException {
        StringJoiner line = new StringJoiner("\t");
        for (int i = 1; i <= columns.size(); i++) {
            boolean binary = mappings.get(i - 1).target().apply(columns.get(i - 1)).equals("bytea");
            Object value = binary ? rs.getBytes(i) : rs.getString(i);
            line.add(value == null ? "\\N" : binary ? "0x" + HexFormat.of().formatHex((byte[]) value) : escaped((String) value));
        }
        return line.toString();
    }

    /** MySQL's escapes, as {@code INTO OUTFILE} writes them and {@code LOAD DATA} reads them back. */
    private static String escaped(String value) {
        return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r").replace("\0", "\\0");
    }

    /** Writes one row read by {@link #rows}: its values in binary COPY. */
    void encode(Object[] row, CopyBinaryRow out) {
        for (int i = 0; i < row.length; i++) {
            if (row[i] == null) {
                out.nul();
            } else {
                mappings.get(i).writer().write(out, row[i]);
            }
        }
    }

    /** Drops the connection without reading the rest of a streamed result (closing would read it all). */
    void abort() {
        abort(connection);
    }

    private static void abort(Connection connection) {
        try {
            connection.abort(Runnable::run);
        } catch (SQLException ignored) {
            // already gone
        }
    }

    @Override
    public void close() {
        try {
            connection.close(); // the read-only transaction ends with the connection: nothing to commit
        } catch (SQLException ignored) {
            // gone: the server ends the transaction
        }
    }

    /** Connector/J's message without its "(conn=12) " prefix. */
    static String message(SQLException e) {
        return String.valueOf(e.getMessage()).replaceFirst("^\\(conn=\\d+\\) ", "").lines().findFirst().orElse("");
    }
}
