package org.etlworkshop.trust;

import org.etlworkshop.HandMadeSource;
import org.etlworkshop.TestDatabase;
import org.etlworkshop.TestRuns;
import org.etlworkshop.db.Databases;
import org.etlworkshop.pipeline.RunResult;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;

/**
 * Random hand-made sources through every processor against real PostgreSQL: timestamps anywhere in
 * timestamptz's range and ±infinity, users without names, answers of every kind (misfits included),
 * keys past Jackson's default limits, malformed submissions and a form whose stored schema is broken.
 * Every processor must write exactly what the reference model says, the timestamps identical to the
 * source's, and every value the text PostgreSQL itself reads from the stored jsonb.
 *
 * <p>A QuickTheories property of {@value #EXAMPLES} random sources, each of {@value #SUBMISSIONS}
 * submissions through every processor (seconds each): a failing source is shrunk for at most
 * {@value #SHRINK_CYCLES} more runs and reported with its seed ({@code -DQT_SEED=} replays it). Edge
 * cases are left out: QuickTheories starts with sources whose draws are all at their simplest or
 * smallest, which repeat one submission many times; with two tries they would take the place of
 * random sources, so a source must hold {@value #SUBMISSIONS} different submissions.
 */
class EveryProcessorKeepsEveryValueTest {
    private static final String SCENARIO = "hand-made-property";
    private static final UUID FORM = Answers.uuid(0xF0), BROKEN_FORM = Answers.uuid(0xF1);
    private static final String BROKEN_SCHEMA = "{\"slug\": \"broken\", \"children\": []}";
    private static final int SUBMISSIONS = 40;
    private static final int EXAMPLES = 2, SHRINK_CYCLES = 3;

    /** A random submission, and whether it belongs to the form whose stored schema is broken (one in ten). */
    record Sourced(Answers.Generated submission, boolean ofBrokenForm) {
        /** All of it (the {@code toString} abbreviates the JSON), to tell two submissions apart. */
        String whole() {
            return submission.responsesJson() + " " + submission.createdAt() + " " + java.util.Arrays.toString(submission.names())
                    + " " + ofBrokenForm;
        }
    }

    static Gen<List<Sourced>> sources() {
        Gen<Boolean> ofBrokenForm = Generate.frequency(List.of(Pair.of(1, Generate.constant(true)), Pair.of(9, Generate.constant(false))));
        return lists().of(Answers.submissions().zip(ofBrokenForm, Sourced::new)).ofSize(SUBMISSIONS)
                .assuming(source -> source.stream().map(Sourced::whole).distinct().count() == SUBMISSIONS);
    }

    @Test
    void everyProcessorWritesExactlyTheReferenceModel() {
        qt().withExamples(EXAMPLES).withShrinkCycles(SHRINK_CYCLES).forAll(sources())
                .checkAssert(EveryProcessorKeepsEveryValueTest::writesExactlyTheReferenceModel);
    }

    private static void writesExactlyTheReferenceModel(List<Sourced> source) {
        List<HandMadeSource.User> users = new ArrayList<>();
        List<HandMadeSource.Submission> submissions = new ArrayList<>();
        List<String> expectedEvents = new ArrayList<>(), expectedMisfits = new ArrayList<>(), expectedRejected = new ArrayList<>();
        for (int i = 0; i < SUBMISSIONS; i++) {
            Answers.Generated g = source.get(i).submission();
            UUID user = Answers.uuid(0x1000 + i), id = Answers.uuid(0x2000 + i);
            boolean ofBrokenForm = source.get(i).ofBrokenForm();
            users.add(new HandMadeSource.User(user, g.names()[0], g.names()[1]));
            submissions.add(new HandMadeSource.Submission(id, ofBrokenForm ? BROKEN_FORM : FORM, user, g.responsesJson(),
                    g.createdAt().micros(), g.createdAt().special()));
            boolean beforePgjdbcRange = g.createdAt().micros() != null && g.createdAt().micros() < Answers.EARLIEST_BINDABLE;
            if (ofBrokenForm || g.malformed() != null || beforePgjdbcRange) {
                expectedRejected.add(id.toString());
                continue;
            }
            for (int q = 0; q < Answers.QUESTIONS.size(); q++) {
                String path = Answers.QUESTIONS.get(q)[0], type = Answers.QUESTIONS.get(q)[1];
                Answers.Answer answer = g.answers().get(q);
                if (!answer.kind().equals("scalar")) {
                    continue;
                }
                if (answer.scalar().fits(type)) {
                    expectedEvents.add(id + "|" + Answers.expectedFullName(g.names()) + "|" + path + "|" + type + "|"
                            + (path.equals("t") ? Answers.TAG_OF_T : null));
                } else {
                    expectedMisfits.add(id + "|" + path);
                }
            }
        }
        HandMadeSource.build(SCENARIO, List.of(new HandMadeSource.Form(FORM, "Property form", Answers.SCHEMA),
                new HandMadeSource.Form(BROKEN_FORM, "Broken form", BROKEN_SCHEMA)), users, submissions);

        String db = Databases.runName(SCENARIO);
        for (String processor : TestRuns.processors()) {
            RunResult result = TestRuns.run(SCENARIO, processor);
            assertThat(TestDatabase.rows(db, "select submission_id, user_full_name, schema_path, answer_type, tag "
                    + "from dwh.response_events")).as(processor).containsExactlyInAnyOrderElementsOf(expectedEvents);
            assertThat(TestDatabase.rows(db, """
                    select e.submission_id, e.schema_path from dwh.response_events e join app.submissions s on s.id = e.submission_id
                    where e.submission_created is distinct from s.created_at
                       or e.submission_created::text is distinct from s.created_at::text
                       or e.value is distinct from s.responses #>> string_to_array(e.schema_path, '.')""")).as(processor
                    + ": events whose timestamp or value differs from the source").isEmpty();
            assertThat(TestDatabase.rows(db, "select submission_id, schema_path from dwh.rejected_answers")).as(processor)
                    .containsExactlyInAnyOrderElementsOf(expectedMisfits);
            assertThat(TestDatabase.rows(db, """
                    select r.submission_id from dwh.rejected_answers r join app.submissions s on s.id = r.submission_id
                    where r.value is distinct from s.responses #>> string_to_array(r.schema_path, '.')""")).as(processor).isEmpty();
            assertThat(TestDatabase.rows(db, "select submission_id from dwh.rejected_submissions")).as(processor)
                    .containsExactlyInAnyOrderElementsOf(expectedRejected);
            assertThat(result.rejectedSubmissions()).as(processor).hasSize(expectedRejected.size());
            assertThat(result.rejectedAnswers()).as(processor).hasSize(expectedMisfits.size());
        }
    }
}
