package org.etlworkshop.pipeline;

import org.etlworkshop.TestDatabase;
import org.etlworkshop.TestRuns;
import org.etlworkshop.db.Databases;
import org.etlworkshop.measure.SqlStatistics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The SQL each technique sends, counted at the JDBC level: the numbers attendees compare. */
class StatementCountTest {
    private static final String SCENARIO = "many-users";
    private static long users;
    private static long forms;
    /** One run per processor: the counts are deterministic, so tests that look at the same run share it. */
    private static final Map<String, RunResult> RUNS = new HashMap<>();

    private static RunResult run(String processor) {
        return RUNS.computeIfAbsent(processor, name -> TestRuns.run(SCENARIO, name));
    }

    @BeforeAll
    static void generate() {
        TestDatabase.generated(TestDatabase.testScenarios(), SCENARIO);
        String template = Databases.templateName(SCENARIO);
        users = TestDatabase.count(template, "select count(distinct user_id) from app.submissions");
        forms = TestDatabase.count(template, "select count(distinct form_id) from app.submissions");
        assertThat(users).isGreaterThan(40);
    }

    private static long blocksOf1000(long events) {
        return (events + 999) / 1000;
    }

    @Test
    void lazyExtractionIssuesOneQueryPerDistinctUserAndForm() {
        RunResult result = run("chunked-no-join");
        assertThat(result.sql().queries()).isEqualTo(1 + users + forms);
        assertThat(result.hibernate().lazyFetches()).isEqualTo(users + forms);
    }

    @Test
    void joinFetchIssuesOneQuery() {
        RunResult result = run("chunked");
        assertThat(result.sql().queries()).isEqualTo(1);
        assertThat(result.hibernate().lazyFetches()).isZero();
    }

    @Test
    void projectionIssuesOneQueryPlusOnePerFormSchema() {
        RunResult result = run("copy");
        assertThat(result.sql().queries()).isEqualTo(1 + forms);
        assertThat(result.hibernate().entityLoads()).isZero();
    }

    @Test
    void chunkedSendsJdbcBatchesNotOneInsertPerEvent() {
        RunResult result = run("chunked");
        SqlStatistics.Counts sql = result.sql();
        assertThat(sql.inserts()).isZero();
        assertThat(sql.batches()).isEqualTo(blocksOf1000(result.eventsWritten()));
        assertThat(sql.batchedRows()).isEqualTo(result.eventsWritten());
        assertThat(result.hibernate().flushes()).as("one flush per full chunk, the last partial one, and the commit's")
                .isEqualTo(result.eventsWritten() / 1000 + 2);
        assertThat(sql.sequenceCalls()).isEqualTo(blocksOf1000(result.eventsWritten()));
    }

    @Test
    void statelessSendsJdbcBatchesOfTheConfiguredSize() {
        RunResult result = TestRuns.run(SCENARIO, TestRuns.CATALOG.get("chunked-stateless").toBuilder().chunkSize(250).build());
        SqlStatistics.Counts sql = result.sql();
        assertThat(sql.inserts()).isZero();
        assertThat(sql.batches()).isEqualTo((result.eventsWritten() + 249) / 250);
        assertThat(sql.batchedRows()).isEqualTo(result.eventsWritten());
        assertThat(result.hibernate().flushes()).isZero();
    }

    @Test
    void naiveAndFlushPerEntitySendOneInsertPerEvent() {
        for (String processor : new String[]{"naive", "flush-per-entity"}) {
            RunResult result = run(processor);
            assertThat(result.sql().inserts()).as(processor).isEqualTo(result.eventsWritten());
            assertThat(result.sql().batches()).as(processor).isZero();
        }
        assertThat(run("flush-per-entity").hibernate().flushes()).isGreaterThan(1000);
    }

    @Test
    void copySendsOneCopyAndNoInserts() {
        RunResult result = run("copy");
        assertThat(result.sql().copies()).isEqualTo(1);
        assertThat(result.sql().copiedRows()).isEqualTo(result.eventsWritten());
        assertThat(result.sql().inserts() + result.sql().batches()).isZero();
        assertThat(result.sql().sequenceCalls()).isEqualTo(blocksOf1000(result.eventsWritten()));
    }
}
