package org.etlworkshop.load;

import org.etlworkshop.GoldenData;
import org.etlworkshop.TestDatabase;
import org.etlworkshop.TestRuns;
import org.etlworkshop.db.Databases;
import org.etlworkshop.pipeline.RunResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every processor, whatever its loader, writes exactly the hand-written golden events. */
class GoldenLoadTest {

    @BeforeAll
    static void golden() {
        GoldenData.ensureTemplate();
    }

    static List<String> processors() {
        return TestRuns.processors();
    }

    @ParameterizedTest
    @MethodSource("processors")
    void writesExactlyTheGoldenEvents(String processor) {
        RunResult result = TestRuns.run(GoldenData.SCENARIO, processor);
        String run = Databases.runName(GoldenData.SCENARIO);

        assertThat(TestDatabase.rows(run, "select submission_id || '|' || schema_path || '|' || value || '|' || answer_type "
                + "|| '|' || coalesce(tag, 'null') from dwh.response_events"))
                .containsExactlyInAnyOrderElementsOf(GoldenData.EXPECTED_EVENTS);
        assertThat(TestDatabase.rows(run, """
                select distinct form_id || '|' || form_name || '|' || user_id || '|' || user_full_name
                from dwh.response_events order by 1"""))
                .containsExactly(GoldenData.FORM + "|Golden form|" + GoldenData.ANA + "|Ana García",
                        GoldenData.FORM + "|Golden form|" + GoldenData.ZOE + "|Zoë O'Brien");
        assertThat(TestDatabase.rows(run, "select distinct submission_id || '|' || to_char(submission_created at time zone 'UTC', "
                + "'YYYY-MM-DD\"T\"HH24:MI:SS.US') from dwh.response_events order by 1"))
                .containsExactly(GoldenData.S1 + "|2024-01-02T03:04:05.123456", GoldenData.S2 + "|2024-02-29T23:59:59.000001",
                        GoldenData.S3 + "|2024-01-02T03:04:05.123456");
        assertThat(TestDatabase.rows(run, "select distinct processed_on = '" + result.processedOn() + "' from dwh.response_events"))
                .as("one processed_on per run").containsExactly("t");
        assertThat(TestDatabase.rows(run, "select submission_id || '|' || reason from dwh.rejected_submissions"))
                .containsExactly(GoldenData.S4 + "|" + GoldenData.EXPECTED_REJECTION);

        assertThat(result.eventsWritten()).isEqualTo(GoldenData.EXPECTED_EVENTS.size());
        assertThat(result.submissionsRead()).isEqualTo(GoldenData.SUBMISSIONS.size());
        assertThat(result.rejections()).hasSize(1);
    }
}
