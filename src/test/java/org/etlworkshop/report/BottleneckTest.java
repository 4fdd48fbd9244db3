package org.etlworkshop.report;

import org.etlworkshop.TestDatabase;
import org.etlworkshop.TestRuns;
import org.etlworkshop.db.Pools;
import org.etlworkshop.db.ServerFacts;
import org.etlworkshop.measure.HibernateCounts;
import org.etlworkshop.measure.SqlStatistics;
import org.etlworkshop.pipeline.ProcessRun;
import org.etlworkshop.scenario.Scenario;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code etl explain} names the bottleneck each processor teaches, from the figures of a real run on
 * {@code small} (the shipped scenario: 20 submissions, 2 users, 3 forms).
 */
class BottleneckTest {

    static Profile run(String processor) {
        return run(TestDatabase.generated(TestDatabase.shippedScenarios(), "small"), processor);
    }

    static Profile run(Scenario scenario, String processor) {
        ServerFacts facts;
        try (var pool = Pools.open(TestDatabase.server().maintenance())) {
            facts = ServerFacts.read(pool);
        }
        return ProfiledRun.execute(ProcessRun.on(TestDatabase.server(), scenario.name()), TestRuns.CATALOG.get(processor),
                scenario, facts, List::of).profile();
    }

    @Test
    void naiveHoldsEveryEntityInOneGrowingPersistenceContext() {
        // mem-1x (src/test/resources/scenarios, about 14,000 events): on small's few hundred a session is no burden
        Profile naive = run(TestDatabase.generated(TestDatabase.testScenarios(), "mem-1x"), "naive");
        Bottleneck b = Bottleneck.of(naive);
        assertThat(b.verdict()).isEqualTo("a growing persistence context");
        assertThat(b.findings().get(0)).contains(String.format("%,d entities", naive.events().written()));
        assertThat(b.findings()).anySatisfy(f -> assertThat(f).contains("INSERTs sent one at a time"));
    }

    @Test
    void chunkedNoJoinIsNPlusOneByItsLazyFetches() {
        Profile p = run("chunked-no-join");
        Bottleneck b = Bottleneck.of(p);
        assertThat(b.verdict()).isEqualTo("N+1 queries");
        assertThat(b.findings().get(0)).contains(String.format("%,d queries for %,d submissions read",
                p.sql().queries(), p.events().submissionsRead()));
        // the same processor with the join is not N+1: the rule reads the figures, not the name
        assertThat(Bottleneck.of(run("chunked")).verdict()).isEqualTo("no single bottleneck");
    }

    @Test
    void chunkedIdentityHasBatchingOffBecauseTheDatabaseAssignsTheIds() {
        Profile p = run("chunked-identity");
        Bottleneck b = Bottleneck.of(p);
        assertThat(b.verdict()).isEqualTo("JDBC batching off");
        assertThat(b.findings().get(0)).contains(String.format("%,d INSERTs sent one at a time", p.sql().inserts()))
                .contains("IDENTITY");
    }

    @Test
    void rowCommitCommitsEveryRowAndSaysWhatDurabilityAddsToIt() {
        Profile fast = run("row-commit");
        assertThat(fast.sql().commits()).isGreaterThanOrEqualTo(fast.events().written());
        Bottleneck b = Bottleneck.of(fast);
        assertThat(b.verdict()).isEqualTo("a commit per row");
        assertThat(b.findings().get(0)).contains(String.format("%,d commits for %,d events", fast.sql().commits(),
                fast.events().written())).contains("with --durable");
        // The test server is fast; the same figures on a durable server (as --durable records it) say the commit waits.
        Profile.Environment e = fast.environment();
        Profile durable = withEnvironment(fast, new Profile.Environment(e.javaVersion(), e.javaVm(), e.jvmArguments(),
                e.maxHeapBytes(), e.cpus(), e.os(), e.postgresVersion(), e.server(), true, e.durabilitySettings()));
        assertThat(Bottleneck.of(durable).findings().get(0)).contains("durable server each commit waits for the WAL");
    }

    @Test
    void copyBinaryPaysIndexUpkeepAndIndexesAfterDoesNot() {
        Bottleneck inPlace = Bottleneck.of(run("copy-binary"));
        assertThat(inPlace.verdict()).isEqualTo("index upkeep");
        assertThat(inPlace.findings().get(0)).contains("secondary indexes were updated row by row");
        Bottleneck after = Bottleneck.of(run("copy-binary-indexes-after"));
        assertThat(after.verdict()).isEqualTo("no single bottleneck");
        assertThat(after.findings()).anySatisfy(f -> assertThat(f).contains("dropped and built once after the load"));
    }

    @Test
    void aBatchedLoadInOneTransactionCommitsOnlyAFewTimes() {
        Profile chunked = run("chunked");
        assertThat(chunked.sql().commits()).isPositive().isLessThan(chunked.events().written() / 10);
    }

    @Test
    void nPlusOneGrowsWithTheUsers() {
        // many-users (src/test/resources/scenarios): 60 users, 150 submissions, large-many-users' shape at a test's size
        Profile p = run(TestDatabase.generated(TestDatabase.testScenarios(), "many-users"), "chunked-no-join");
        assertThat(p.hibernate().lazyFetches()).as("about one per user").isGreaterThan(30);
        Bottleneck b = Bottleneck.of(p);
        assertThat(b.verdict()).isEqualTo("N+1 queries");
        assertThat(b.findings().get(0)).contains(String.format("%,d of them lazy fetches", p.hibernate().lazyFetches()));
    }

    @Test
    void aQueueSaysWhoWaited() {
        Profile p = run("chunked");
        Profile.Queue producerBound = new Profile.Queue(8, 1000, List.of(), 0, 5_000);
        Profile.Queue loaderBound = new Profile.Queue(8, 1000, List.of(), 5_000, 0);
        Profile slow = withPhases(withQueue(p, producerBound), 10);
        assertThat(Bottleneck.of(slow).verdict()).isEqualTo("producer-bound");
        assertThat(Bottleneck.of(withPhases(withQueue(p, loaderBound), 10)).verdict()).isEqualTo("loader-bound");
        // an overlapped stream's hand-off (reader and loader) is read the same way
        assertThat(Bottleneck.of(withPhases(withOverlap(p, producerBound), 10)).verdict()).isEqualTo("producer-bound");
        assertThat(Bottleneck.of(withPhases(withOverlap(p, loaderBound), 10)).verdict()).isEqualTo("loader-bound");
    }

    @Test
    void aFewEventsAreNoBottleneck() {
        Profile p = run("row-commit");
        Profile tiny = withCounts(p, new SqlStatistics.Counts(1, 0, 10, 0, 0, 0, 0, 0, 10), p.hibernate(), 10);
        assertThat(Bottleneck.of(tiny).verdict()).isEqualTo("no single bottleneck");
    }

    private static Profile withEnvironment(Profile p, Profile.Environment e) {
        return new Profile(p.format(), p.version(), p.startedAt(), p.scenario(), p.processor(), e, p.phases(), p.events(),
                p.rowsPerSecond(), p.sql(), p.hibernate(), p.memory(), p.stages(), p.interference(), p.settling(),
                p.publication(), p.overlap(), p.startup(), p.distribution());
    }

    private static Profile withCounts(Profile p, SqlStatistics.Counts sql, HibernateCounts orm, long events) {
        Profile.Events ev = new Profile.Events(events, events, p.events().submissionsRead(), 0, 0);
        return new Profile(p.format(), p.version(), p.startedAt(), p.scenario(), p.processor(), p.environment(), p.phases(),
                ev, p.rowsPerSecond(), sql, orm, p.memory(), p.stages(), p.interference(), p.settling(), p.publication(),
                p.overlap(), p.startup(), p.distribution());
    }

    private static Profile withPhases(Profile p, double runSeconds) {
        return new Profile(p.format(), p.version(), p.startedAt(), p.scenario(), p.processor(), p.environment(),
                new Profile.Phases(p.phases().preparationSeconds(), runSeconds), p.events(), p.rowsPerSecond(), p.sql(),
                p.hibernate(), p.memory(), p.stages(), p.interference(), p.settling(), p.publication(), p.overlap(), p.startup(), p.distribution());
    }

    private static Profile withOverlap(Profile p, Profile.Queue overlap) {
        return new Profile(p.format(), p.version(), p.startedAt(), p.scenario(), p.processor(), p.environment(), p.phases(),
                p.events(), p.rowsPerSecond(), p.sql(), p.hibernate(), p.memory(), p.stages(), p.interference(), p.settling(),
                null, overlap, p.startup(), p.distribution());
    }

    private static Profile withQueue(Profile p, Profile.Queue queue) {
        Profile.Publication pub = new Profile.Publication("staged", 1, 1, 0, p.events().written(), -1, 0, 0, 0,
                List.of(p.events().written()), "queue", queue, null);
        return new Profile(p.format(), p.version(), p.startedAt(), p.scenario(), p.processor(), p.environment(), p.phases(),
                p.events(), p.rowsPerSecond(), p.sql(), p.hibernate(), p.memory(), p.stages(), p.interference(), p.settling(),
                pub, p.overlap(), p.startup(), p.distribution());
    }
}
