package org.etlworkshop.pipeline;

import org.etlworkshop.TestDatabase;
import org.etlworkshop.TestRuns;
import org.etlworkshop.db.Databases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The techniques differ in cost, never in result: every processor writes the same rows. */
class ProcessorEquivalenceTest {
    private static final String COLUMNS = "form_id, form_name, user_id, user_full_name, submission_id, submission_created, "
            + "schema_path, value, answer_type, tag";

    @ParameterizedTest
    @ValueSource(strings = {"small", "mid"})
    void everyProcessorWritesTheSameMultisetOfRows(String scenario) {
        TestDatabase.generated(scenario.equals("small") ? TestDatabase.shippedScenarios() : TestDatabase.testScenarios(), scenario);
        Map<String, List<String>> rowsByProcessor = new LinkedHashMap<>();
        for (String processor : TestRuns.processors()) {
            RunResult result = TestRuns.run(scenario, processor);
            List<String> rows = TestRuns.events(scenario, COLUMNS);
            assertThat(rows).as(processor).hasSize((int) result.eventsProduced());
            assertThat(result.eventsWritten()).as(processor).isEqualTo(result.eventsProduced());
            assertThat(result.rejections()).as(processor).isNotEmpty();
            assertThat(TestDatabase.count(Databases.runName(scenario), "select count(*) from dwh.rejected_submissions"))
                    .as(processor).isEqualTo(result.rejectedSubmissions().size());
            rowsByProcessor.put(processor, rows);
        }
        List<String> reference = rowsByProcessor.get("naive");
        assertThat(reference).isNotEmpty();
        rowsByProcessor.forEach((processor, rows) -> assertThat(rows).as(processor).isEqualTo(reference));
    }
}
