package org.etlworkshop;

import org.etlworkshop.db.Databases;
import org.etlworkshop.extract.SourceSubmission;
import org.etlworkshop.scenario.FormSchema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Hand-written submissions and the events they must give, written out by hand: hostile text,
 * unanswered questions, unknown keys, arrays, deep nesting, numbers with their scale, a malformed
 * submission. Every loader must produce exactly {@link #EXPECTED_EVENTS}.
 */
public final class GoldenData {
    public static final String SCENARIO = "golden";
    public static final UUID FORM = UUID.fromString("00000000-0000-4000-8000-00000000f001");
    public static final UUID ANA = UUID.fromString("00000000-0000-4000-8000-0000000000a1");
    public static final UUID ZOE = UUID.fromString("00000000-0000-4000-8000-0000000000a2");
    public static final UUID S1 = UUID.fromString("00000000-0000-4000-8000-000000000001");
    public static final UUID S2 = UUID.fromString("00000000-0000-4000-8000-000000000002");
    public static final UUID S3 = UUID.fromString("00000000-0000-4000-8000-000000000003");
    public static final UUID S4 = UUID.fromString("00000000-0000-4000-8000-000000000004");
    public static final UUID S5 = UUID.fromString("00000000-0000-4000-8000-000000000005");
    public static final Instant T1 = Instant.parse("2024-01-02T03:04:05.123456Z");
    public static final Instant T2 = Instant.parse("2024-02-29T23:59:59.000001Z");

    public record Submission(UUID id, UUID user, String userName, String responses, Instant createdAt) {
    }

    public static final List<Submission> SUBMISSIONS = List.of(
            new Submission(S1, ANA, "Ana García", """
                    {"main": {"first_name": "Ana", "age": 34, "smoker": false, "seen_on": "2024-02-29"},
                     "history": {"family": {"notes": {"text": "Mother: \\"diabetes\\", father: none"}, "cancer": true},
                                 "weight_kg": 61.50},
                     "comment": "line one\\nline two\\ttabbed \\\\ backslash, \\r carriage"}""", T1),
            new Submission(S2, ZOE, "Zoë O'Brien", """
                    {"main": {"first_name": "Zoë 患者 🤒", "age": null, "smoker": true},
                     "history": {"family": {"cancer": null, "unknown_deep": {"x": 1}}, "weight_kg": 70},
                     "comment": "\\\\N",
                     "extra": {"main": {"first_name": "not me"}},
                     "attachments": ["a.pdf", "b.pdf"]}""", T2),
            new Submission(S3, ANA, "Ana García", """
                    {"main": {"first_name": ["Ana", "Maria"], "age": 7.250}, "comment": "", "history": "not an object"}""", T1),
            new Submission(S4, ZOE, "Zoë O'Brien", "[1, 2]", T2),
            new Submission(S5, ZOE, "Zoë O'Brien", "{}", T2));

    /** submission | schema_path | value | answer_type | tag, in the order the transformer emits them. */
    public static final List<String> EXPECTED_EVENTS = List.of(
            S1 + "|main.first_name|Ana|text|pii",
            S1 + "|main.age|34|number|null",
            S1 + "|main.smoker|false|boolean|risk",
            S1 + "|main.seen_on|2024-02-29|date|null",
            S1 + "|history.family.notes.text|Mother: \"diabetes\", father: none|text|null",
            S1 + "|history.family.cancer|true|boolean|null",
            S1 + "|history.weight_kg|61.50|number|null",
            S1 + "|comment|line one\nline two\ttabbed \\ backslash, \r carriage|text|null",
            S2 + "|main.first_name|Zoë 患者 🤒|text|pii",
            S2 + "|main.smoker|true|boolean|risk",
            S2 + "|history.weight_kg|70|number|null",
            S2 + "|comment|\\N|text|null",
            S3 + "|main.age|7.250|number|null",
            S3 + "|comment||text|null");

    public static final String EXPECTED_REJECTION = "responses is a JSON array, not a JSON object";

    private GoldenData() {
    }

    public static FormSchema schema() {
        return FormSchema.parse("golden/schema.json", schemaJson());
    }

    static String schemaJson() {
        try (InputStream in = GoldenData.class.getResourceAsStream("/golden/schema.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static SourceSubmission source(Submission s) {
        return new SourceSubmission(s.id(), s.createdAt(), s.responses(), FORM, "Golden form", schema(), s.user(), s.userName());
    }

    /** The golden template database, built once per test JVM. */
    public static synchronized void ensureTemplate() {
        Databases databases = TestDatabase.databases();
        String fingerprint = "golden-" + Integer.toHexString((schemaJson() + SUBMISSIONS).hashCode());
        if (databases.templateFingerprint(SCENARIO).filter(fingerprint::equals).isPresent()) {
            return;
        }
        databases.buildTemplate(SCENARIO, fingerprint, pool -> {
            try (Connection c = pool.getConnection()) {
                try (PreparedStatement form = c.prepareStatement("insert into app.forms values (?, ?, ?, ?::jsonb)")) {
                    form.setObject(1, FORM);
                    form.setString(2, "Golden form");
                    form.setString(3, "Hand-written for the golden tests");
                    form.setString(4, schemaJson());
                    form.execute();
                }
                try (PreparedStatement user = c.prepareStatement("insert into app.users values (?, ?, ?)")) {
                    for (Object[] u : new Object[][]{{ANA, "Ana", "García"}, {ZOE, "Zoë", "O'Brien"}}) {
                        user.setObject(1, u[0]);
                        user.setString(2, (String) u[1]);
                        user.setString(3, (String) u[2]);
                        user.execute();
                    }
                }
                try (PreparedStatement submission = c.prepareStatement("insert into app.submissions values (?, ?, ?, ?::jsonb, ?)")) {
                    for (Submission s : SUBMISSIONS) {
                        submission.setObject(1, s.id());
                        submission.setObject(2, FORM);
                        submission.setObject(3, s.user());
                        submission.setString(4, s.responses());
                        submission.setTimestamp(5, Timestamp.from(s.createdAt()));
                        submission.execute();
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
