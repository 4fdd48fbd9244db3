package org.etlworkshop.pipeline;

import org.etlworkshop.TestDatabase;
import org.etlworkshop.TestRuns;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Memory shapes, not times: the live heap (after a full GC) at the moment the last event reaches
 * the loader, on a scenario and on one four times larger. Bounded loaders hold the same; the naive
 * loader holds every event. Measured here: bounded loaders differ by under 2 MiB, naive grows by
 * about 25 MiB for 42k more events.
 */
class MemoryShapeTest {
    private static final double MIB = 1024 * 1024;

    @BeforeAll
    static void generate() {
        TestDatabase.generated(TestDatabase.testScenarios(), "mem-1x");
        TestDatabase.generated(TestDatabase.testScenarios(), "mem-4x");
    }

    private static double retainedMiB(String scenario, String processor) {
        RunResult result = TestRuns.run(scenario, TestRuns.CATALOG.get(processor), run -> run.measureRetainedHeap(true));
        return result.retainedHeapAtEnd().orElseThrow() / MIB;
    }

    private static double growth(String processor) {
        retainedMiB("mem-1x", processor); // warm up classes and caches so both runs start alike
        return retainedMiB("mem-4x", processor) - retainedMiB("mem-1x", processor);
    }

    @ParameterizedTest
    @ValueSource(strings = {"chunked", "chunked-stateless", "copy"})
    void boundedLoadersRetainTheSameHeapForFourTimesTheEvents(String processor) {
        assertThat(growth(processor)).as(processor + " retained heap growth in MiB").isLessThan(5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"naive"})
    void theNaiveLoaderRetainsHeapInProportionToTheEvents(String processor) {
        assertThat(growth(processor)).as(processor + " retained heap growth in MiB").isGreaterThan(15);
    }
}
