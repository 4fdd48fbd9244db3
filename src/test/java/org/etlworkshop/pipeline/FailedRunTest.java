package org.etlworkshop.pipeline;

import org.etlworkshop.TestDatabase;
import org.etlworkshop.TestRuns;
import org.etlworkshop.db.Databases;
import org.etlworkshop.load.LoadTarget;
import org.etlworkshop.load.Loader;
import org.etlworkshop.transform.EventFactory;
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

    /** The same pipeline, whose loader is handed {@code limit} events and then fails as a bug or a lost connection would. */
    private static <E> Pipeline<E> failingAfter(Pipeline<E> pipeline, int limit) {
        Loader<E> loader = pipeline.loader();
        return pipeline.wrapped(pipeline.extractor(), new Loader<>() {
            @Override
            public EventFactory<E> eventFactory() {
                return loader.eventFactory();
            }

            @Override
            public long load(Iterator<E> events, LoadTarget target) {
                return loader.load(new Iterator<>() {
                    private int handed;

                    @Override
                    public boolean hasNext() {
                        return events.hasNext();
                    }

                    @Override
                    public E next() {
                        if (handed++ == limit) {
                            throw new IllegalStateException("injected failure after " + limit + " events");
                        }
                        return events.next();
                    }
                }, target);
            }
        });
    }

    @ParameterizedTest
    @MethodSource("processors")
    void aFailureHalfWayLeavesTheWarehouseTableEmpty(String processor) {
        ProcessorConfig config = TestRuns.CATALOG.get(processor);
        assertThatThrownBy(() -> TestRuns.run("mid", config, failingAfter(Pipeline.of(config), 1500)))
                .hasStackTraceContaining("injected failure after 1500 events");
        assertThat(TestDatabase.count(Databases.runName("mid"), "select count(*) from dwh.response_events")).isZero();
        assertThat(TestDatabase.count(Databases.runName("mid"),
                "select count(*) from pg_indexes where schemaname = 'dwh' and tablename = 'response_events'"))
                .as("the rollback keeps every index, even those a loader dropped").isEqualTo(4);
    }
}
