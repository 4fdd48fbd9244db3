package org.etlworkshop.pipeline;

import org.etlworkshop.TestDatabase;
import org.etlworkshop.TestRuns;
import org.etlworkshop.db.Databases;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A run that fails half-way leaves dwh.response_events as it was: empty, never half-loaded, indexes intact. */
class FailedRunTest {

    @BeforeAll
    static void generate() {
        TestDatabase.generated(TestDatabase.testScenarios(), "mid");
    }

    /** Every processor that promises all or nothing: all but row-commit, the documented exception. */
    static List<String> processors() {
        return TestRuns.processors().stream().filter(p -> !TestRuns.CATALOG.get(p).loader().equals("row-commit")).toList();
    }

    private static RunResult failingAfter(ProcessorConfig config, int events) {
        return TestRuns.run("mid", config, run -> run.failAfter(events)); // --fail-after: the loader fails as a crash would
    }

    @ParameterizedTest
    @MethodSource("processors")
    void aFailureHalfWayLeavesTheWarehouseTableEmpty(String processor) {
        ProcessorConfig config = TestRuns.CATALOG.get(processor);
        assertThatThrownBy(() -> failingAfter(config, 1500)).hasStackTraceContaining("injected failure (--fail-after)");
        assertThat(TestDatabase.count(Databases.runName("mid"), "select count(*) from dwh.response_events")).isZero();
        assertThat(TestDatabase.count(Databases.runName("mid"),
                "select count(*) from pg_indexes where schemaname = 'dwh' and tablename = 'response_events'"))
                .as("the rollback keeps every index, even those a loader dropped").isEqualTo(4);
        assertThat(TestDatabase.rows(Databases.runName("mid"), "select status from dwh.etl_runs"))
                .as("the run log says it failed").containsExactly("failed");
    }

    @Test
    void rowCommitKeepsWhatItCommittedBeforeTheFailure() {
        assertThatThrownBy(() -> failingAfter(TestRuns.CATALOG.get("row-commit"), 1500))
                .hasStackTraceContaining("injected failure (--fail-after)");
        assertThat(TestDatabase.count(Databases.runName("mid"), "select count(*) from dwh.response_events"))
                .as("one commit per event: the 1500 before the failure stay").isEqualTo(1500);
    }
}
