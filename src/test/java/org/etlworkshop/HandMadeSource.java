package org.etlworkshop;

import org.etlworkshop.db.Databases;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

/**
 * A source database written row by row, for inputs the generator never makes: timestamps at the ends
 * of PostgreSQL's range, users without names (the names' NOT NULL is dropped, as an external source
 * might not have it), broken form schemas. Built as a scenario's template, so every processor runs
 * on it the way {@code etl process} does.
 */
public final class HandMadeSource {
    public record Form(UUID id, String name, String schemaJson) {
    }

    public record User(UUID id, String givenName, String familyName) {
    }

    /** @param createdAt microseconds since 2000-01-01 UTC (PostgreSQL's epoch: its whole range fits a long), or null with {@code special} set ('infinity', '-infinity') */
    public record Submission(UUID id, UUID form, UUID user, String responses, Long createdAt, String special) {
    }

    private HandMadeSource() {
    }

    /** Builds (or keeps, when its content is unchanged) the template of {@code scenario}. */
    public static void build(String scenario, List<Form> forms, List<User> users, List<Submission> submissions) {
        Databases databases = TestDatabase.databases();
        String fingerprint = "hand-made-" + Integer.toHexString(List.of(forms, users, submissions).hashCode());
        if (databases.templateFingerprint(scenario).filter(fingerprint::equals).isPresent()) {
            return;
        }
        databases.buildTemplate(scenario, fingerprint, pool -> {
            try (Connection c = pool.getConnection()) {
                try (Statement s = c.createStatement()) {
                    s.execute("SET TIME ZONE 'UTC'");
                    s.execute("ALTER TABLE app.users ALTER given_name DROP NOT NULL, ALTER family_name DROP NOT NULL");
                }
                try (PreparedStatement insert = c.prepareStatement("insert into app.forms values (?, ?, '', ?::jsonb)")) {
                    for (Form f : forms) {
                        insert.setObject(1, f.id());
                        insert.setString(2, f.name());
                        insert.setString(3, f.schemaJson());
                        insert.execute();
                    }
                }
                try (PreparedStatement insert = c.prepareStatement("insert into app.users values (?, ?, ?)")) {
                    for (User u : users) {
                        insert.setObject(1, u.id());
                        insert.setString(2, u.givenName());
                        insert.setString(3, u.familyName());
                        insert.execute();
                    }
                }
                // The timestamp is computed by PostgreSQL from whole days and microseconds, not formatted in
                // Java: the code under test must not be the one that writes the source.
                try (PreparedStatement insert = c.prepareStatement("insert into app.submissions values (?, ?, ?, ?::jsonb, "
                        + "coalesce(?::timestamptz, '2000-01-01 00:00:00+00'::timestamptz + make_interval(days => ?) + ? * interval '1 microsecond'))")) {
                    for (Submission s : submissions) {
                        insert.setObject(1, s.id());
                        insert.setObject(2, s.form());
                        insert.setObject(3, s.user());
                        insert.setString(4, s.responses());
                        insert.setString(5, s.special());
                        long micros = s.createdAt() == null ? 0 : s.createdAt();
                        insert.setInt(6, (int) Math.floorDiv(micros, 86_400_000_000L));
                        insert.setLong(7, Math.floorMod(micros, 86_400_000_000L));
                        try {
                            insert.execute();
                        } catch (SQLException e) {
                            throw new SQLException(s + ": " + e.getMessage(), e);
                        }
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
