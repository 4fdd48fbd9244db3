package org.etlworkshop.report;

import org.etlworkshop.TestDatabase;
import org.etlworkshop.TestRuns;
import org.etlworkshop.db.Pools;
import org.etlworkshop.db.ServerFacts;
import org.etlworkshop.measure.MemoryFigures;
import org.etlworkshop.pipeline.ProcessRun;
import org.etlworkshop.pipeline.RunOptions;
import org.etlworkshop.scenario.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import org.assertj.core.data.Percentage;

import static org.assertj.core.api.Assertions.assertThat;

/** A profile's numbers agree with each other and with the database. */
class ProfileTest {
    @TempDir
    Path dir;

    static ProfiledRun profiled(String scenarioName, String processor) {
        Scenario scenario = TestDatabase.generated(TestDatabase.testScenarios(), scenarioName);
        ServerFacts facts;
        try (var pool = Pools.open(TestDatabase.server().maintenance())) {
            facts = ServerFacts.read(pool);
        }
        return ProfiledRun.execute(ProcessRun.on(TestDatabase.server(), scenario.name()), TestRuns.CATALOG.get(processor),
                scenario, facts, List::of);
    }

    @Test
    void aProfileIsConsistentWithTheTableAndWithItself() {
        ProfiledRun run = profiled("mem-1x", "chunked");
        Profile p = run.profile();

        assertThat(p.events().written())
                .isEqualTo(TestDatabase.count(run.database(), "select count(*) from dwh.response_events"))
                .isEqualTo(p.sql().batchedRows())
                .isEqualTo(p.hibernate().entityInserts());
        assertThat(p.sql().batches()).isEqualTo((p.events().written() + 999) / 1000);
        assertThat(p.sql().inserts()).isZero();
        assertThat(p.rowsPerSecond()).isCloseTo(p.events().written() / p.phases().runSeconds(),
                Percentage.withPercentage(0.1));
        assertThat(p.phases().preparationSeconds()).isPositive();

        MemoryFigures m = p.memory();
        assertThat(m.heapSamples()).isNotEmpty();
        assertThat(m.heapSamples()).isSortedAccordingTo((a, b) -> Long.compare(a[0], b[0]));
        assertThat(m.liveHeapAfterGc()).isSortedAccordingTo((a, b) -> Long.compare(a[0], b[0]));
        assertThat(m.heapSamples()).allSatisfy(s -> assertThat(m.peakHeapBytes()).isGreaterThanOrEqualTo(s[1]));
        assertThat(m.liveHeapAfterGc()).allSatisfy(s -> assertThat(m.peakLiveHeapBytes()).isGreaterThanOrEqualTo(s[1]));
        assertThat(m.peakLiveHeapBytes()).isLessThanOrEqualTo(m.peakHeapBytes());
        assertThat(m.allocatedBytes()).as("a run allocates at least its events").isGreaterThan(p.events().written() * 100);
        assertThat(m.peakRssBytes()).isGreaterThan(m.peakLiveHeapBytes());

        assertThat(p.processor().name()).isEqualTo("chunked");
        assertThat(p.processor().loader()).isEqualTo("chunked");
        assertThat(p.processor().chunkSize()).isEqualTo(1000);
        assertThat(p.environment().postgresVersion()).startsWith("18");
        assertThat(p.environment().server()).isEqualTo("embedded");
        assertThat(p.environment().durable()).isFalse();
        assertThat(p.environment().cpus()).isPositive();
        assertThat(p.scenario().name()).isEqualTo("mem-1x");

        Profile.Startup start = p.startup();
        assertThat(start.templateCopy()).as("a fresh run database was copied").isPositive();
        assertThat(start.hibernate()).as("its session factory was built").isPositive();
        assertThat(start.total()).as("copy, Hibernate and settling happen one after the other before the run")
                .isGreaterThanOrEqualTo(start.templateCopy() + start.hibernate() + start.settle());
        assertThat(p.overlap()).as("one thread: no hand-off").isNull();
    }

    @Test
    void anOverlappedRunsProfileSaysWhoWaitedForWhomAndSurvivesTheRoundTrip() {
        Scenario scenario = TestDatabase.generated(TestDatabase.testScenarios(), "mem-1x");
        ServerFacts facts;
        try (var pool = Pools.open(TestDatabase.server().maintenance())) {
            facts = ServerFacts.read(pool);
        }
        Profile written = ProfiledRun.execute(ProcessRun.on(TestDatabase.server(), scenario.name(),
                        RunOptions.builder().overlap(true).build()), TestRuns.CATALOG.get("copy-binary"), scenario, facts, List::of)
                .profile();
        assertThat(written.overlap()).isNotNull();
        assertThat(written.overlap().capacityBatches()).isPositive();
        assertThat(written.overlap().fill()).isNotEmpty();
        Path file = dir.resolve("overlap.json");
        Profiles.write(written, file);
        Profile read = Profiles.read(file);
        assertThat(read.overlap().producerWaitMillis()).isEqualTo(written.overlap().producerWaitMillis());
        assertThat(read.overlap().workersWaitMillis()).isEqualTo(written.overlap().workersWaitMillis());
        assertThat(read.overlap().fill()).hasSameSizeAs(written.overlap().fill());
        assertThat(read.startup()).isEqualTo(written.startup());
    }

    @Test
    void statementCountsInTheProfileShowTheTechnique() {
        Profile naive = profiled("mem-1x", "naive").profile();
        assertThat(naive.sql().inserts()).isEqualTo(naive.events().written());
        assertThat(naive.sql().batches()).isZero();
        Profile copy = profiled("mem-1x", "copy").profile();
        assertThat(copy.sql().copies()).isEqualTo(1);
        assertThat(copy.sql().copiedRows()).isEqualTo(copy.events().written());
    }

    @Test
    void aProfileSurvivesTheRoundTripThroughJson() {
        Profile written = profiled("mem-1x", "copy").profile();
        Path file = dir.resolve("p.json");
        Profiles.write(written, file);
        Profile read = Profiles.read(file);
        assertThat(read.version()).isEqualTo(Profile.VERSION);
        assertThat(read.events()).isEqualTo(written.events());
        assertThat(read.sql()).isEqualTo(written.sql());
        assertThat(read.interference()).isEqualTo(written.interference());
        assertThat(read.settling()).isEqualTo(written.settling());
        assertThat(read.memory().heapSamples()).hasSameSizeAs(written.memory().heapSamples());
        assertThat(read.memory().heapSamples().get(0)).containsExactly(written.memory().heapSamples().get(0));
        List<List<String>> rows = new ComparisonTable(List.of(written, read)).rows();
        assertThat(rows.get(1)).as("a profile read back compares as equal, figure by figure, with the one written")
                .isEqualTo(rows.get(0));
    }
}
