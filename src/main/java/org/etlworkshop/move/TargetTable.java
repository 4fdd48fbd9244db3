package org.etlworkshop.move;

import org.etlworkshop.UsageException;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The destination of a typed source (MySQL or MariaDB): made from the source's columns with the
 * type table ({@code --create-table}, as pgloader does), or an existing table checked against them
 * before anything moves. Binary COPY needs each column's type to be the one the value is encoded
 * for, so an existing column must have that type; {@code text} may go to a {@code varchar}, and a
 * {@code numeric(p,s)} to a {@code numeric} without a scale (nothing is rounded by either).
 */
final class TargetTable {
    private static final int POSTGRES_NAME_BYTES = 63;

    private TargetTable() {
    }

    /**
     * {@code CREATE TABLE} (and its schema when missing) with one column per source column, in the
     * caller's transaction; a usage error when the table exists.
     */
    static TableColumns create(Connection destination, String table, List<String> names, List<String> types) throws SQLException {
        TableColumns named = new TableColumns(schemaOf(table), nameOf(table), Map.of(), List.of());
        try (PreparedStatement exists = destination.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            exists.setString(1, named.quotedName());
            try (ResultSet rs = exists.executeQuery()) {
                rs.next();
                if (rs.getBoolean(1)) {
                    throw new UsageException(table + " already exists: leave out --create-table to load into it, or drop it first");
                }
            }
        }
        List<String> definitions = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).getBytes(StandardCharsets.UTF_8).length > POSTGRES_NAME_BYTES) {
                throw new UsageException("column " + names.get(i) + " is longer than PostgreSQL's names (63 bytes); "
                        + "rename it in --query (AS ...)");
            }
            definitions.add(TableColumns.quote(names.get(i)) + " " + types.get(i));
        }
        try (Statement statement = destination.createStatement()) {
            statement.execute("CREATE SCHEMA IF NOT EXISTS " + TableColumns.quote(named.schema()));
            statement.execute("CREATE TABLE " + named.quotedName() + " (" + String.join(", ", definitions) + ")");
        }
        return TableColumns.of(destination, table);
    }

    /** The table's names for the source's columns, or a usage error listing every column whose type would not take the values. */
    static List<String> check(TableColumns target, List<String> names, List<String> types) {
        List<String> columns = target.match(names);
        List<String> mismatched = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            String has = target.types().get(columns.get(i));
            if (!accepts(has, types.get(i))) {
                mismatched.add(columns.get(i) + " is " + has + " (the source's values are " + types.get(i) + ")");
            }
        }
        if (!mismatched.isEmpty()) {
            throw new UsageException("the source's columns do not fit " + target + ": " + String.join(", ", mismatched)
                    + "; change the columns, cast in --query, or use --create-table on a new table; nothing was moved");
        }
        return columns;
    }

    /** Whether a column of type {@code has} (as {@code format_type} writes it) takes binary values of type {@code sent}. */
    static boolean accepts(String has, String sent) {
        return has.equals(sent)
                || sent.equals("text") && has.startsWith("character varying")
                || sent.startsWith("numeric(") && has.equals("numeric")
                || sent.startsWith("bit(") && has.startsWith("bit varying");
    }

    private static String schemaOf(String table) {
        int dot = table.indexOf('.');
        if (dot <= 0 || dot == table.length() - 1) {
            throw new UsageException("name the table as SCHEMA.TABLE, e.g. public.messages; got " + table);
        }
        return table.substring(0, dot);
    }

    private static String nameOf(String table) {
        return table.substring(table.indexOf('.') + 1);
    }
}
