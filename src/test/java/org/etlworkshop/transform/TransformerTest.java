package org.etlworkshop.transform;

import org.etlworkshop.GoldenData;
import org.etlworkshop.extract.SourceSubmission;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TransformerTest {
    private static final Instant RUN = Instant.parse("2026-11-23T12:00:00Z");
    private final Transformer transformer = new Transformer(RUN);

    private static String describe(EventRow e) {
        return e.submissionId() + "|" + e.schemaPath() + "|" + e.value() + "|" + e.answerType() + "|" + e.tag();
    }

    @Test
    void goldenSubmissionsGiveExactlyTheHandWrittenEvents() throws Exception {
        List<String> events = new ArrayList<>();
        for (GoldenData.Submission s : GoldenData.SUBMISSIONS) {
            if (s.id().equals(GoldenData.S4)) {
                continue;
            }
            for (EventRow e : transformer.transform(GoldenData.source(s), EventFactory.ROWS, rejected -> { })) {
                events.add(describe(e));
            }
        }
        assertThat(events).containsExactlyElementsOf(GoldenData.EXPECTED_EVENTS);
    }

    @Test
    void everyEventCarriesTheSubmissionFormUserAndRunTimestamp() throws Exception {
        EventRow first = transformer.transform(GoldenData.source(GoldenData.SUBMISSIONS.get(0)), EventFactory.ROWS, rejected -> { }).get(0);
        assertThat(first.formId()).isEqualTo(GoldenData.FORM);
        assertThat(first.formName()).isEqualTo("Golden form");
        assertThat(first.userId()).isEqualTo(GoldenData.ANA);
        assertThat(first.userFullName()).isEqualTo("Ana García");
        assertThat(first.submissionCreated()).isEqualTo(GoldenData.T1);
        assertThat(first.processedOn()).isEqualTo(RUN);
    }

    @Test
    void entitiesAndRowsComeFromTheSameTraversal() throws Exception {
        SourceSubmission s1 = GoldenData.source(GoldenData.SUBMISSIONS.get(0));
        assertThat(transformer.transform(s1, EventFactory.ENTITIES, rejected -> { }))
                .extracting(e -> e.getSchemaPath() + "=" + e.getValue())
                .containsExactlyElementsOf(transformer.transform(s1, EventFactory.ROWS, rejected -> { }).stream()
                        .map(e -> e.schemaPath() + "=" + e.value()).toList());
    }

    @Test
    void aSubmissionThatIsNotAnObjectIsRejectedWithItsReason() {
        assertThatThrownBy(() -> transformer.transform(GoldenData.source(GoldenData.SUBMISSIONS.get(3)), EventFactory.ROWS, rejected -> { }))
                .isInstanceOf(Transformer.RejectedSubmission.class).hasMessage(GoldenData.EXPECTED_REJECTION);
        assertThatThrownBy(() -> transformer.transform(withResponses("\"text\""), EventFactory.ROWS, rejected -> { }))
                .hasMessage("responses is a JSON string, not a JSON object");
    }

    @Test
    void unreadableJsonIsRejectedNotFatal() {
        assertThatThrownBy(() -> transformer.transform(withResponses("{\"main\": {\"age\": 3"), EventFactory.ROWS, rejected -> { }))
                .isInstanceOf(Transformer.RejectedSubmission.class).hasMessageStartingWith("responses cannot be read as JSON");
    }

    @Test
    void textWithTheNulCharacterIsRejectedBecausePostgresCannotStoreIt() {
        assertThatThrownBy(() -> transformer.transform(withResponses("{\"comment\": \"a\\u0000b\"}"), EventFactory.ROWS, rejected -> { }))
                .isInstanceOf(Transformer.RejectedSubmission.class)
                .hasMessageContaining("comment").hasMessageContaining("NUL");
    }

    @Test
    void numbersKeepTheirWrittenTextAndBooleansAreLowercase() throws Exception {
        List<EventRow> events = transformer.transform(withResponses(
                "{\"main\": {\"age\": 1.50, \"smoker\": true}, \"history\": {\"weight_kg\": -0.0}}"), EventFactory.ROWS,
                rejected -> { });
        assertThat(events).extracting(EventRow::value).containsExactly("1.50", "true", "-0.0");
    }

    private static SourceSubmission withResponses(String json) {
        return new SourceSubmission(UUID.randomUUID(), GoldenData.T1, json, GoldenData.FORM, "Golden form",
                GoldenData.schema(), GoldenData.ANA, "Ana García");
    }
}
