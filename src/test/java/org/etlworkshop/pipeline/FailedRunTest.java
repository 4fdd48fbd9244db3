package org.etlworkshop.pipeline;

import org.etlworkshop.TestDatabase;
import org.etlworkshop.TestRuns;
import org.etlworkshop.db.Databases;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Iterator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A run that fails half-way leaves dwh.response_events as it was: empty, never half-loaded, indexes intact. */
class FailedRunTest {

    @BeforeAll
    static void generate() {
        TestDatabase.generated(TestDatabase.testScenarios(), "mid");
    }

    static List<String> processors() {
        return TestRuns.processors();
    }

    /** Hands over {@code limit} events, then fails as a bug or a lost connection would. */
    private static Iterator<?> failingAfter(Iterator<?> events, int limit) {
        return new Iterator<Object>() {
            private int handed;

            @Override
            public boolean hasNext() {
                return events.hasNext();
            }

            @Override
            public Object next() {
                if (handed++ == limit) {
                    throw new IllegalStateException("injected failure after " + limit + " events");
                }
                return events.next();
            }
        };
    }

    @ParameterizedTest
    @MethodSource("processors")
    void aFailureHalfWayLeavesTheWarehouseTableEmpty(String processor) {
        assertThatThrownBy(() -> TestRuns.run("mid", TestRuns.CATALOG.get(processor),
                pipeline -> pipeline.decoratingEvents(events -> failingAfter(events, 1500))))
                .hasStackTraceContaining("injected failure after 1500 events");
        assertThat(TestDatabase.count(Databases.runName("mid"), "select count(*) from dwh.response_events")).isZero();
        assertThat(TestDatabase.count(Databases.runName("mid"),
                "select count(*) from pg_indexes where schemaname = 'dwh' and tablename = 'response_events'"))
                .as("the rollback keeps every index, even those a loader dropped").isEqualTo(4);
    }
}
