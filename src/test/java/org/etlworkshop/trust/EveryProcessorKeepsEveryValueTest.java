package org.etlworkshop.trust;

import org.etlworkshop.HandMadeSource;
import org.etlworkshop.TestDatabase;
import org.etlworkshop.TestRuns;
import org.etlworkshop.db.Databases;
import org.etlworkshop.pipeline.RunResult;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random hand-made sources through every processor against real PostgreSQL: timestamps anywhere in
 * timestamptz's range and ±infinity, users without names, answers of every kind (misfits included),
 * keys past Jackson's default limits, malformed submissions and a form whose stored schema is broken.
 * Every processor must write exactly what the reference model says, the timestamps identical to the
 * source's, and every value the text PostgreSQL itself reads from the stored jsonb.
 */
class EveryProcessorKeepsEveryValueTest {
    private static final String SCENARIO = "hand-made-property";
    private static final UUID FORM = Answers.uuid(0xF0), BROKEN_FORM = Answers.uuid(0xF1);
    private static final String BROKEN_SCHEMA = "{\"slug\": \"broken\", \"children\": []}";
    private static final int SUBMISSIONS = 40;

    @Test
    void everyProcessorWritesExactlyTheReferenceModel() {
        long base = Seeds.base();
        for (int round = 0; round < 2; round++) {
            long seed = base + round;
            try {
                checkRound(new SplittableRandom(seed));
            } catch (AssertionError e) {
                throw new AssertionError("round with seed " + seed + " (" + Seeds.replay(seed) + "):\n" + e.getMessage(), e);
            }
        }
    }

    private void checkRound(SplittableRandom random) {
        List<HandMadeSource.User> users = new ArrayList<>();
        List<HandMadeSource.Submission> submissions = new ArrayList<>();
        List<String> expectedEvents = new ArrayList<>(), expectedMisfits = new ArrayList<>(), expectedRejected = new ArrayList<>();
        for (int i = 0; i < SUBMISSIONS; i++) {
            Answers.Generated g = Answers.submissions().next(random);
            UUID user = Answers.uuid(0x1000 + i), id = Answers.uuid(0x2000 + i);
            boolean ofBrokenForm = random.nextInt(10) == 0;
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
