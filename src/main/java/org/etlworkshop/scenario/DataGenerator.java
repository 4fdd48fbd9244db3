package org.etlworkshop.scenario;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import org.etlworkshop.EtlException;
import org.etlworkshop.Progress;
import org.etlworkshop.db.CopyIn;
import org.etlworkshop.db.CopyTextRow;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * Fills {@code app.forms}, {@code app.users} and {@code app.submissions} for a scenario. Rows are
 * generated as COPY streams them to the server, never as ORM entities: a million-event scenario is
 * generated in seconds, and memory stays flat however large the scenario is.
 */
public final class DataGenerator {
    private static final JsonFactory JSON = new JsonFactory();
    /** Submissions fall within two years before this instant (fixed, so output is reproducible). */
    private static final Instant EPOCH = Instant.parse("2024-06-01T00:00:00Z");
    private static final long TWO_YEARS_MICROS = 2L * 365 * 24 * 3600 * 1_000_000;
    private static final List<String> MALFORMED = List.of("[]", "\"responses unavailable\"", "42", "[{\"main\": {}}]");

    public record Form(UUID id, String name, FormSchema schema) {
    }

    public record User(UUID id, String givenName, String familyName) {
    }

    public record Submission(UUID id, UUID formId, UUID userId, String responsesJson, Instant createdAt) {
    }

    private final Scenario scenario;
    private final AnswerFaker faker;
    private final List<Form> forms;
    private final List<User> users;

    public DataGenerator(Scenario scenario) {
        this.scenario = scenario;
        this.faker = new AnswerFaker(scenario.hostileTextShare());
        this.forms = IntStream.range(0, scenario.formCount()).mapToObj(this::form).toList();
        this.users = IntStream.range(0, scenario.users()).mapToObj(this::user).toList();
    }

    /** Writes the scenario's rows into the (empty) tables behind {@code dataSource}. */
    public void generate(DataSource dataSource, Progress progress) {
        try (Connection connection = dataSource.getConnection()) {
            CopyIn.copy(connection, "COPY app.forms (id, name, description, schema) FROM STDIN", forms.iterator(),
                    (Form f, CopyTextRow row) -> row.uuid(f.id()).text(f.name()).text(f.schema().description()).text(f.schema().json()));
            CopyIn.copy(connection, "COPY app.users (id, given_name, family_name) FROM STDIN", users.iterator(),
                    (User u, CopyTextRow row) -> row.uuid(u.id()).text(u.givenName()).text(u.familyName()));
            CopyIn.copy(connection, "COPY app.submissions (id, form_id, user_id, responses, created_at, updated_at) FROM STDIN",
                    submissions(progress),
                    (Submission s, CopyTextRow row) -> row.uuid(s.id()).uuid(s.formId()).uuid(s.userId())
                            .text(s.responsesJson()).timestamp(s.createdAt()).timestamp(s.createdAt()));
            try (Statement statement = connection.createStatement()) {
                statement.execute("ANALYZE");
            }
        } catch (SQLException e) {
            throw new EtlException("generating " + scenario.name() + " failed: " + e.getMessage(), e);
        }
    }

    public List<Form> forms() {
        return forms;
    }

    public List<User> users() {
        return users;
    }

    /** The submissions, generated one at a time as the iterator is pulled. */
    public Iterator<Submission> submissions(Progress progress) {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < scenario.submissions();
            }

            @Override
            public Submission next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                progress.advance(1);
                return submission(next++);
            }
        };
    }

    private Form form(int index) {
        List<FormSchema> schemas = scenario.schemas();
        FormSchema schema = schemas.get(index % schemas.size());
        int round = index / schemas.size();
        String name = round == 0 ? schema.title() : schema.title() + " #" + (round + 1);
        return new Form(SeededRandom.uuid(SeededRandom.of(scenario.seed(), SeededRandom.FORMS, index)), name, schema);
    }

    private User user(int index) {
        SplittableRandom random = SeededRandom.of(scenario.seed(), SeededRandom.USERS, index);
        return new User(SeededRandom.uuid(random), AnswerFaker.pick(AnswerFaker.GIVEN_NAMES, random),
                AnswerFaker.pick(AnswerFaker.FAMILY_NAMES, random));
    }

    Submission submission(int index) {
        SplittableRandom random = SeededRandom.of(scenario.seed(), SeededRandom.SUBMISSIONS, index);
        UUID id = SeededRandom.uuid(random);
        Form form = forms.get(random.nextInt(forms.size()));
        User user = users.get(random.nextInt(users.size()));
        Instant createdAt = EPOCH.minusNanos(random.nextLong(TWO_YEARS_MICROS) * 1000);
        String responses = random.nextDouble() < scenario.malformedShare()
                ? AnswerFaker.pick(MALFORMED, random)
                : responses(form.schema(), new AnswerFaker.Respondent(user.givenName(), user.familyName()), random);
        return new Submission(id, form.id(), user.id(), responses, createdAt);
    }

    String responses(FormSchema schema, AnswerFaker.Respondent respondent, SplittableRandom random) {
        boolean extraKeys = random.nextDouble() < scenario.extraKeyShare();
        StringWriter text = new StringWriter(2048);
        try (JsonGenerator json = JSON.createGenerator(text)) {
            json.writeStartObject();
            for (FormSchema.Node node : schema.root().children()) {
                writeNode(json, node, respondent, random, extraKeys);
            }
            if (extraKeys) {
                // Real exports carry metadata that no schema describes; the transformer must skip it.
                json.writeObjectFieldStart("_export");
                json.writeStringField("device", "tablet-" + random.nextInt(20));
                json.writeNumberField("app_version", 3);
                json.writeEndObject();
                json.writeArrayFieldStart("attachments");
                json.writeString("scan-" + random.nextInt(1000) + ".pdf");
                json.writeEndArray();
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    private void writeNode(JsonGenerator json, FormSchema.Node node, AnswerFaker.Respondent respondent,
                           SplittableRandom random, boolean extraKeys) throws IOException {
        if (!node.isQuestion()) {
            json.writeObjectFieldStart(node.slug());
            for (FormSchema.Node child : node.children()) {
                writeNode(json, child, respondent, random, extraKeys);
            }
            if (extraKeys && random.nextInt(4) == 0) {
                json.writeStringField("legacy_code", "LC-" + random.nextInt(10000));
            }
            json.writeEndObject();
            return;
        }
        if (random.nextDouble() < scenario.unansweredShare()) {
            if (random.nextBoolean()) {
                json.writeNullField(node.slug()); // answered "nothing"; otherwise the key is simply absent
            }
            return;
        }
        json.writeFieldName(node.slug());
        if (extraKeys && random.nextInt(50) == 0) {
            // A multi-select exported as an array: arrays are not answers.
            json.writeStartArray();
            json.writeString("option-a");
            json.writeString("option-b");
            json.writeEndArray();
            return;
        }
        faker.writeAnswer(json, node.question(), respondent, random);
    }

}
