package org.etlworkshop.db;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.io.IOException;
import org.postgresql.Driver;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * A minimal stand-in for psql on machines without it: runs {@code -c SQL} commands, or the
 * semicolon-terminated statements read from standard input, and prints results as psql's aligned
 * format does. Enough for the workshop's queries; install psql for anything more.
 */
public final class SqlShell {
    private SqlShell() {
    }

    public static int run(ConnectionInfo target, List<String> args, InputStream in, PrintStream out, PrintStream err) {
        List<String> commands = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if ((arg.equals("-c") || arg.equals("--command")) && i + 1 < args.size()) {
                commands.add(args.get(++i));
            } else if (arg.startsWith("--command=")) {
                commands.add(arg.substring("--command=".length()));
            } else {
                err.println("psql is not installed, and the built-in client ignores the argument " + arg);
            }
        }
        Properties properties = new Properties();
        properties.setProperty("user", target.user());
        target.password().ifPresent(p -> properties.setProperty("password", p));
        try (Connection connection = new Driver().connect(target.jdbcUrl(), properties)) {
            if (commands.isEmpty()) {
                err.println("psql is not installed: reading SQL statements ending with ';' from standard input.");
                commands = readStatements(in);
            }
            int failures = 0;
            for (String sql : commands) {
                try {
                    execute(connection, sql, out);
                } catch (SQLException e) {
                    err.println(errorLine(e));
                    failures++;
                }
            }
            return failures == 0 ? 0 : 1;
        } catch (Exception e) {
            err.println("cannot connect to " + target + ": " + e.getMessage());
            return 2;
        }
    }

    private static List<String> readStatements(InputStream in) throws IOException {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String line; (line = reader.readLine()) != null; ) {
            current.append(line).append('\n');
            if (line.trim().endsWith(";")) {
                statements.add(current.toString());
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            statements.add(current.toString());
        }
        return statements;
    }

    /** Every result of {@code sql}, in order: a {@code -c} may hold several statements, as in psql. */
    static void execute(Connection connection, String sql, PrintStream out) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (boolean isQuery = statement.execute(sql); ; isQuery = statement.getMoreResults()) {
                if (isQuery) {
                    try (ResultSet rs = statement.getResultSet()) {
                        printAligned(rs, out);
                    }
                } else if (statement.getUpdateCount() >= 0) {
                    out.println("OK (" + statement.getUpdateCount() + " rows)");
                } else {
                    return;
                }
            }
        }
    }

    /** psql's form, {@code ERROR:  message}: pgjdbc's own message already starts with the severity. */
    private static String errorLine(SQLException e) {
        if (e instanceof PSQLException p && p.getServerErrorMessage() != null) {
            ServerErrorMessage server = p.getServerErrorMessage();
            return server.getSeverity() + ":  " + server.getMessage();
        }
        return "ERROR:  " + e.getMessage();
    }

    private static void printAligned(ResultSet rs, PrintStream out) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        int columns = meta.getColumnCount();
        List<String[]> rows = new ArrayList<>();
        int[] widths = new int[columns];
        String[] header = new String[columns];
        for (int c = 0; c < columns; c++) {
            header[c] = meta.getColumnLabel(c + 1);
            widths[c] = header[c].length();
        }
        while (rs.next()) {
            String[] row = new String[columns];
            for (int c = 0; c < columns; c++) {
                String value = rs.getString(c + 1);
                row[c] = value == null ? "" : value;
                widths[c] = Math.max(widths[c], row[c].length());
            }
            rows.add(row);
        }
        out.println(formatRow(header, widths, true));
        StringBuilder rule = new StringBuilder();
        for (int c = 0; c < columns; c++) {
            rule.append(c == 0 ? "" : "+").append("-".repeat(widths[c] + 2));
        }
        out.println(rule);
        for (String[] row : rows) {
            out.println(formatRow(row, widths, false));
        }
        out.println("(" + rows.size() + (rows.size() == 1 ? " row)" : " rows)"));
    }

    private static String formatRow(String[] cells, int[] widths, boolean center) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            line.append(c == 0 ? " " : " | ");
            int pad = widths[c] - cells[c].length();
            int left = center ? pad / 2 : 0;
            line.append(" ".repeat(left)).append(cells[c]).append(" ".repeat(pad - left));
        }
        return line.toString();
    }
}
