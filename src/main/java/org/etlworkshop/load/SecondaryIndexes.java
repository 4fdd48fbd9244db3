package org.etlworkshop.load;

import org.etlworkshop.db.SingleValue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The indexes of an events table that enforce nothing (not the primary key, not a unique one): the
 * ones a bulk load may drop and build again afterwards. Building an index over a million sorted
 * keys is several times cheaper than inserting a million keys one by one.
 *
 * <p>Both steps are transactional DDL: if the load fails, the rollback puts the indexes back.
 */
public final class SecondaryIndexes {
    private SecondaryIndexes() {
    }

    private static String definitions(String table) {
        return "SELECT pg_get_indexdef(i.indexrelid), i.indexrelid::regclass::text "
                + "FROM pg_index i WHERE i.indrelid = '" + table + "'::regclass "
                + "AND NOT i.indisprimary AND NOT i.indisunique ORDER BY 2";
    }

    /** Drops them, returning the statements that create them again. Locks the table until commit. */
    public static List<String> drop(Connection connection, String table) throws SQLException {
        List<String> definitions = new ArrayList<>();
        List<String> names = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(definitions(table))) {
            while (rs.next()) {
                definitions.add(rs.getString(1));
                names.add(rs.getString(2));
            }
        }
        try (Statement statement = connection.createStatement()) {
            for (String name : names) {
                statement.execute("DROP INDEX " + name);
            }
        }
        return definitions;
    }

    public static void create(Connection connection, List<String> definitions) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String definition : definitions) {
                statement.execute(definition);
            }
        }
    }

    static boolean tableIsEmpty(Connection connection, String table) throws SQLException {
        return SingleValue.booleanOf(connection, "SELECT NOT EXISTS (SELECT 1 FROM " + table + ")");
    }
}
