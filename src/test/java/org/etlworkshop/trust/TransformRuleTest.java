package org.etlworkshop.trust;

import org.etlworkshop.extract.SourceSubmission;
import org.etlworkshop.scenario.FormSchema;
import org.etlworkshop.transform.EventFactory;
import org.etlworkshop.transform.EventRow;
import org.etlworkshop.transform.Rejection;
import org.etlworkshop.transform.Transformer;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;

/**
 * The transformation rule against its reference model, on many random submissions (no database):
 * every fitting answer is an event with its text as written, every misfit a rejected answer with its
 * path, everything else nothing; a malformed submission is rejected whole. A QuickTheories property:
 * a failing case is shrunk to a simpler one and reported with its seed ({@code -DQT_SEED=} replays it).
 */
class TransformRuleTest {
    private static final FormSchema SCHEMA = FormSchema.parse("property form", Answers.SCHEMA);
    private final Transformer transformer = new Transformer(Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void eventsAndRejectedAnswersFollowTheReferenceModel() {
        qt().withExamples(500).withShrinkCycles(2_000).forAll(Answers.submissions()).checkAssert(this::followsTheReferenceModel);
    }

    private void followsTheReferenceModel(Answers.Generated generated) {
        SourceSubmission submission = new SourceSubmission(Answers.uuid(1), Instant.EPOCH, generated.responsesJson(),
                Answers.uuid(2), "Property form", SCHEMA, Answers.uuid(3), "Ana García");
        List<Rejection> rejected = new ArrayList<>();
        if (generated.malformed() != null) {
            assertThatThrownBy(() -> transformer.transform(submission, EventFactory.ROWS, rejected::add))
                    .isInstanceOf(Transformer.RejectedSubmission.class).hasMessageContaining("not a JSON object");
            assertThat(rejected).isEmpty();
            return;
        }
        List<String> expectedEvents = new ArrayList<>();
        List<String> expectedMisfits = new ArrayList<>();
        for (int i = 0; i < Answers.QUESTIONS.size(); i++) {
            String path = Answers.QUESTIONS.get(i)[0], type = Answers.QUESTIONS.get(i)[1];
            Answers.Answer answer = generated.answers().get(i);
            if (!answer.kind().equals("scalar")) {
                continue; // absent, null, array, object: nothing
            }
            (answer.scalar().fits(type) ? expectedEvents : expectedMisfits).add(path + "=" + answer.scalar().text());
        }
        List<EventRow> events;
        try {
            events = transformer.transform(submission, EventFactory.ROWS, rejected::add);
        } catch (Transformer.RejectedSubmission e) {
            throw new AssertionError("a well-formed submission rejected whole: " + e.getMessage(), e);
        }
        assertThat(events).extracting(e -> e.schemaPath() + "=" + e.value()).containsExactlyElementsOf(expectedEvents);
        assertThat(events).allSatisfy(e -> assertThat(e.answerType())
                .isEqualTo(Answers.QUESTIONS.stream().filter(q -> q[0].equals(e.schemaPath())).findFirst().orElseThrow()[1]));
        assertThat(rejected).extracting(r -> r.schemaPath() + "=" + r.value()).containsExactlyElementsOf(expectedMisfits);
        assertThat(rejected).allSatisfy(r -> assertThat(r.reason()).contains("not a"));
    }

    @Test
    void aStringLongerThanJacksonsDefaultLimitIsRead() throws Exception {
        String longText = "x".repeat(21_000_000); // Jackson refuses strings over 20,000,000 characters by default
        SourceSubmission submission = new SourceSubmission(Answers.uuid(1), Instant.EPOCH,
                "{\"t\": \"" + longText + "\", \"unknown\": \"" + longText + "\"}", Answers.uuid(2), "Property form",
                SCHEMA, Answers.uuid(3), "Ana García");
        List<EventRow> events = transformer.transform(submission, EventFactory.ROWS, r -> { });
        assertThat(events).singleElement().satisfies(e -> assertThat(e.value()).hasSize(21_000_000));
    }
}
