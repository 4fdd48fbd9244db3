package org.etlworkshop.db;

import org.etlworkshop.EtlException;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Creates the workshop's tables from {@code schema.sql}, the single definition of the data model. */
public final class Schema {
    private Schema() {
    }

    public static void create(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(ddl());
        } catch (SQLException e) {
            throw new EtlException("could not create the schema: " + e.getMessage(), e);
        }
    }

    static String ddl() {
        try (InputStream in = Schema.class.getResourceAsStream("/schema.sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("schema.sql missing from the classpath", e);
        }
    }
}
