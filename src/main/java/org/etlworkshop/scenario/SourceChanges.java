package org.etlworkshop.scenario;

import org.etlworkshop.EtlException;
import org.etlworkshop.db.CopyIn;
import org.etlworkshop.db.CopyTextRow;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.stream.LongStream;

/**
 * {@code etl generate SCENARIO --append N --edit M}: the source of the warehouse changing between
 * runs, deterministically. Appended submissions continue the scenario's own sequence (the same seed,
 * the next indexes); edited ones are picked and re-answered from a seed and the round of changes, so
 * the same commands on the same scenario always make the same data. Every row written gets one
 * {@code updated_at}, a second after the newest time already in the source: what an incremental
 * run compares with its watermark.
 */
public final class SourceChanges {
    /** What one round of changes did. */
    public record Changed(int appended, int edited, OffsetDateTime updatedAt) {
    }

    private final Scenario scenario;
    private final DataGenerator generator;

    public SourceChanges(Scenario scenario) {
        this.scenario = scenario;
        this.generator = new DataGenerator(scenario);
    }

    public Changed apply(DataSource dataSource, int append, int edit) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            long existing;
            OffsetDateTime stamp;
            long round;
            try (ResultSet rs = statement.executeQuery("SELECT count(*), greatest(max(updated_at), max(created_at)) + interval '1 second', "
                    + "count(*) FILTER (WHERE updated_at > created_at) FROM app.submissions")) {
                rs.next();
                existing = rs.getLong(1);
                stamp = rs.getObject(2, OffsetDateTime.class);
                round = rs.getLong(3) + existing; // changes so far: a new round never repeats an earlier one's choices
            }
            if (stamp == null) {
                stamp = OffsetDateTime.parse("2000-01-01T00:00:00Z");
            }
            OffsetDateTime updatedAt = stamp;
            Iterator<DataGenerator.Submission> appended = LongStream.range(existing, existing + append)
                    .mapToObj(i -> generator.submission((int) i)).iterator();
            CopyIn.copy(connection, "COPY app.submissions (id, form_id, user_id, responses, created_at, updated_at) FROM STDIN",
                    appended, (DataGenerator.Submission s, CopyTextRow row) -> row.uuid(s.id()).uuid(s.formId()).uuid(s.userId())
                            .text(s.responsesJson()).timestamp(s.createdAt()).timestamp(updatedAt.toInstant()));
            int edited = edit(connection, edit, round, updatedAt);
            connection.commit();
            try (Statement analyze = connection.createStatement()) {
                connection.setAutoCommit(true);
                analyze.execute("ANALYZE app.submissions");
            }
            return new Changed(append, edited, updatedAt);
        } catch (SQLException e) {
            throw new EtlException("changing the source of " + scenario.name() + " failed: " + e.getMessage(), e);
        }
    }

    /** Re-answers {@code count} submissions, chosen by a hash of their id and the round: the same every time. */
    private int edit(Connection connection, int count, long round, OffsetDateTime updatedAt) throws SQLException {
        if (count == 0) {
            return 0;
        }
        Map<UUID, DataGenerator.Form> forms = new HashMap<>();
        generator.forms().forEach(f -> forms.put(f.id(), f));
        Map<UUID, DataGenerator.User> users = new HashMap<>();
        generator.users().forEach(u -> users.put(u.id(), u));
        List<UUID[]> chosen = new ArrayList<>();
        try (PreparedStatement pick = connection.prepareStatement(
                "SELECT id, form_id, user_id FROM app.submissions WHERE updated_at < ? ORDER BY md5(id::text || ?), id LIMIT ?")) {
            pick.setObject(1, updatedAt); // not the ones this round just added: an edit changes what existed before
            pick.setString(2, Long.toString(round));
            pick.setInt(3, count);
            try (ResultSet rs = pick.executeQuery()) {
                while (rs.next()) {
                    chosen.add(new UUID[]{rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class)});
                }
            }
        }
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE app.submissions SET responses = ?::jsonb, updated_at = ? WHERE id = ?")) {
            for (int i = 0; i < chosen.size(); i++) {
                UUID[] row = chosen.get(i);
                DataGenerator.Form form = forms.get(row[1]);
                DataGenerator.User user = users.get(row[2]);
                SplittableRandom random = SeededRandom.of(scenario.seed(), SeededRandom.EDITS, round * 1_000_003L + i);
                String responses = form == null || user == null ? "{}"
                        : generator.responses(form.schema(), new AnswerFaker.Respondent(user.givenName(), user.familyName()), random);
                update.setString(1, responses);
                update.setObject(2, updatedAt);
                update.setObject(3, row[0]);
                update.addBatch();
            }
            update.executeBatch();
        }
        return chosen.size();
    }
}
