package org.etlworkshop.move;

import org.etlworkshop.EtlException;
import org.etlworkshop.UsageException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A table's columns and their types, read from the catalog, and the check that a source's columns
 * fit it, made before any data moves. Names and types are quoted where they are used, so a hostile
 * column name in a CSV header is only ever an identifier.
 */
record TableColumns(String schema, String table, Map<String, String> types, List<String> primaryKey) {

    /**
     * {@code schema.table} as SQL names it: each part folded to lower case unless double-quoted
     * ({@code Dwh.Events} is {@code dwh.events}, {@code "Dwh"."Events"} keeps its case); or a usage
     * error naming what is missing.
     */
    static TableColumns of(Connection connection, String qualifiedName) throws SQLException {
        List<String> parts = SqlNames.qualified(qualifiedName);
        if (parts.size() != 2) {
            throw new UsageException("name the table as SCHEMA.TABLE, e.g. dwh.response_events; got " + qualifiedName);
        }
        String schema = parts.get(0), table = parts.get(1);
        Map<String, String> types = new LinkedHashMap<>();
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT a.attname, format_type(a.atttypid, a.atttypmod)
                FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = ? AND c.relname = ? AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
                ORDER BY a.attnum""")) {
            query.setString(1, schema);
            query.setString(2, table);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    types.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        if (types.isEmpty()) {
            throw new UsageException("there is no table " + qualifiedName + " in " + connection.getCatalog()
                    + "; create it first (etl import loads into an existing table)");
        }
        List<String> primaryKey = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
                WHERE i.indrelid = (quote_ident(?) || '.' || quote_ident(?))::regclass AND i.indisprimary ORDER BY a.attnum""")) {
            query.setString(1, schema);
            query.setString(2, table);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    primaryKey.add(rs.getString(1));
                }
            }
        }
        return new TableColumns(schema, table, types, List.copyOf(primaryKey));
    }

    List<String> names() {
        return List.copyOf(types.keySet());
    }

    /** The {@code json} and {@code jsonb} columns: JSON Lines keeps a value's JSON type in them. */
    Set<String> jsonColumns() {
        return types.entrySet().stream().filter(e -> e.getValue().equals("json") || e.getValue().equals("jsonb"))
                .map(Map.Entry::getKey).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * The table's names for the source's columns (exact, else case-insensitive as PostgreSQL folds
     * unquoted names); a usage error listing both when one does not exist or appears twice.
     */
    List<String> match(List<String> sourceColumns) {
        List<String> matched = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String source : sourceColumns) {
            String name = types.containsKey(source) ? source : types.keySet().stream()
                    .filter(t -> t.toLowerCase(Locale.ROOT).equals(source.toLowerCase(Locale.ROOT))).findFirst().orElse(null);
            if (name == null) {
                unknown.add(source);
            } else if (matched.contains(name)) {
                throw new UsageException(SourceLines.oneLine("the source names column " + name + " twice; source columns: "
                        + sourceColumns));
            } else {
                matched.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw new UsageException(SourceLines.oneLine("the source's columns do not match " + this + ": " + unknown + " "
                    + (unknown.size() == 1 ? "is" : "are") + " not in the table (source columns: " + sourceColumns
                    + "; table columns: " + names() + ")"));
        }
        return matched;
    }

    /** {@code "schema"."table"} */
    String quotedName() {
        return quote(schema) + "." + quote(table);
    }

    /** {@code ("a", "b")} */
    static String quotedList(List<String> columns) {
        return columns.stream().map(TableColumns::quote).collect(Collectors.joining(", ", "(", ")"));
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    @Override
    public String toString() {
        return schema + "." + table;
    }

    static EtlException cannotRead(String what, SQLException e) {
        return new EtlException("cannot read the columns of " + what + ": " + e.getMessage(), e);
    }
}
