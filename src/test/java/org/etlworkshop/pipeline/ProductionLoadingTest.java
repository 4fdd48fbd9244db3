package org.etlworkshop.pipeline;

import com.zaxxer.hikari.HikariDataSource;
import org.etlworkshop.EtlException;
import org.etlworkshop.TestDatabase;
import org.etlworkshop.TestRuns;
import org.etlworkshop.db.Databases;
import org.etlworkshop.db.Pools;
import org.etlworkshop.scenario.Scenario;
import org.etlworkshop.scenario.SourceChanges;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The warehouse that lives between runs: stage-swap-drop with readers, incremental runs, checkpoints, workers. */
class ProductionLoadingTest {
    private static final String SCENARIO = "mid";
    private static final String RUN = Databases.runName(SCENARIO);
    /** The longest a reader of the live table may wait during a staged load: the swap's lock timeout and a margin. */
    private static final long READER_WAIT_BOUND_MILLIS = 2_000;
    private Scenario scenario;

    @BeforeEach
    void freshWarehouse() {
        scenario = TestDatabase.generated(TestDatabase.testScenarios(), SCENARIO);
        TestRuns.run(SCENARIO, "copy"); // replace: a fresh copy of the template, loaded in place
    }

    private static RunResult run(String processor, java.util.function.UnaryOperator<RunOptions.Builder> options) {
        return TestRuns.run(SCENARIO, TestRuns.CATALOG.get(processor), options);
    }

    private void change(int append, int edit) {
        try (HikariDataSource pool = Pools.open(TestDatabase.server().database(RUN))) {
            new SourceChanges(scenario).apply(pool, append, edit);
        }
    }

    /** The warehouse's contents without what differs between equal runs (event ids, processed_on), sorted. */
    private static List<String> contents() {
        List<String> all = new ArrayList<>(TestDatabase.rows(RUN, "SELECT concat_ws('|', form_id, form_name, user_id, user_full_name, "
                + "submission_id, submission_created, schema_path, value, answer_type, tag) FROM dwh.response_events"));
        all.addAll(TestDatabase.rows(RUN, "SELECT 'rejected|' || submission_id || '|' || reason FROM dwh.rejected_submissions"));
        all.addAll(TestDatabase.rows(RUN, "SELECT 'rejected answer|' || submission_id || '|' || schema_path || '|' || value "
                + "FROM dwh.rejected_answers"));
        all.sort(null);
        return all;
    }

    private static long events() {
        return TestDatabase.count(RUN, "SELECT count(*) FROM dwh.response_events");
    }

    @Test
    void aStagedLoadIsSwappedInWhileReadersSeeOnlyCompleteContentsAndNeverWaitLong() throws Exception {
        long before = events();
        try (Connection c = TestDatabase.connect(RUN); Statement s = c.createStatement()) {
            s.execute("DO $$ BEGIN CREATE ROLE etl_reader; EXCEPTION WHEN duplicate_object THEN NULL; END $$");
            s.execute("GRANT SELECT ON dwh.response_events TO etl_reader");
            s.execute("COMMENT ON TABLE dwh.response_events IS 'one row per answered question'");
            s.execute("COMMENT ON COLUMN dwh.response_events.value IS 'the answer as text'");
        }
        List<String> indexes = TestDatabase.rows(RUN, "SELECT indexname || ' ' || replace(indexdef, indexname, '') FROM pg_indexes "
                + "WHERE schemaname = 'dwh' AND tablename = 'response_events' ORDER BY 1");
        change(60, 25);
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        AtomicLong longestWait = new AtomicLong();
        AtomicLong queries = new AtomicLong();
        AtomicBoolean loading = new AtomicBoolean(true);
        List<Thread> readers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Thread reader = new Thread(() -> {
                try (Connection c = TestDatabase.connect(RUN); Statement s = c.createStatement()) {
                    while (loading.get()) {
                        long start = System.nanoTime();
                        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM dwh.response_events")) {
                            rs.next();
                            seen.add(rs.getLong(1));
                        }
                        longestWait.accumulateAndGet((System.nanoTime() - start) / 1_000_000, Math::max);
                        queries.incrementAndGet();
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            reader.start();
            readers.add(reader);
        }
        RunResult staged;
        try {
            staged = run("chunked-stateless", r -> r.publish(Publish.STAGED));
        } finally {
            Thread.sleep(200);
            loading.set(false);
            for (Thread reader : readers) {
                reader.join();
            }
        }
        long after = events();
        assertThat(after).isNotEqualTo(before).isEqualTo(staged.eventsWritten());
        assertThat(queries.get()).as("readers kept querying throughout").isGreaterThan(10);
        assertThat(seen).as("every query saw the complete old or the complete new contents").isSubsetOf(Set.of(before, after));
        assertThat(longestWait.get()).as("no reader waited for the load").isLessThan(READER_WAIT_BOUND_MILLIS);
        assertThat(staged.publication().orElseThrow().swap().orElseThrow().lockHeldMillis()).isLessThan(READER_WAIT_BOUND_MILLIS);
        assertThat(TestDatabase.rows(RUN, "SELECT has_table_privilege('etl_reader', 'dwh.response_events', 'SELECT')::text"))
                .containsExactly("true");
        assertThat(TestDatabase.rows(RUN, "SELECT obj_description('dwh.response_events'::regclass, 'pg_class') || '/' "
                + "|| col_description('dwh.response_events'::regclass, 10)")).containsExactly("one row per answered question/the answer as text");
        assertThat(TestDatabase.rows(RUN, "SELECT indexname || ' ' || replace(indexdef, indexname, '') FROM pg_indexes "
                + "WHERE schemaname = 'dwh' AND tablename = 'response_events' ORDER BY 1")).isEqualTo(indexes);
        assertThat(TestDatabase.rows(RUN, "SELECT tablename FROM pg_tables WHERE schemaname = 'dwh' ORDER BY 1"))
                .as("no stage or old table is left").containsExactly("etl_checkpoints", "etl_runs", "rejected_answers",
                        "rejected_submissions", "response_events");
    }

    @Test
    void anySequenceOfChangesAndIncrementalRunsEqualsAFullRebuild() {
        long seed = Long.getLong("etl.seed", System.nanoTime());
        Random random = new Random(seed);
        List<String> processors = List.of("copy", "chunked-stateless", "chunked", "copy-binary");
        for (int round = 0; round < 4; round++) {
            change(random.nextInt(40), random.nextInt(30));
            String processor = processors.get(random.nextInt(processors.size()));
            run(processor, r -> r.publish(Publish.INCREMENTAL).checkpointEvery(random.nextBoolean() ? 0 : 17));
        }
        List<String> incremental = contents();
        List<String> idsBefore = TestDatabase.rows(RUN, "SELECT id::text FROM dwh.response_events ORDER BY id");
        RunResult nothingNew = run("copy", r -> r.publish(Publish.INCREMENTAL));
        assertThat(nothingNew.eventsWritten()).as("seed " + seed + ": a re-run with nothing new writes nothing").isZero();
        assertThat(TestDatabase.rows(RUN, "SELECT id::text FROM dwh.response_events ORDER BY id")).isEqualTo(idsBefore);

        run("copy", r -> r.publish(Publish.STAGED)); // the full rebuild, from the same source
        assertThat(incremental).as("seed " + seed + ": incremental equals a rebuild").isEqualTo(contents());
        assertThat(TestDatabase.rows(RUN, "SELECT DISTINCT status FROM dwh.etl_runs")).containsExactly("succeeded");
    }

    @Test
    void aRunKilledAfterIndexingItsStageResumesToTheSameIndexes() {
        List<String> indexes = TestDatabase.rows(RUN, "SELECT indexname || ' ' || replace(indexdef, indexname, '') FROM pg_indexes "
                + "WHERE schemaname = 'dwh' AND tablename = 'response_events' ORDER BY 1");
        change(20, 5);
        assertThatThrownBy(() -> run("copy", r -> r.checkpointEvery(40).failAfter(4_000))).hasMessageContaining("--fail-after");
        long runId = Long.parseLong(TestDatabase.rows(RUN, "SELECT max(id)::text FROM dwh.etl_runs").get(0));
        try (HikariDataSource pool = Pools.open(TestDatabase.server().database(RUN))) {
            new StageTables(runId).index(pool); // what a run killed after indexing, before its swap, leaves
        }
        RunResult resumed = run("copy", r -> r.resume(true));
        assertThat(resumed.publication().orElseThrow().runId()).isEqualTo(runId);
        assertThat(TestDatabase.rows(RUN, "SELECT indexname || ' ' || replace(indexdef, indexname, '') FROM pg_indexes "
                + "WHERE schemaname = 'dwh' AND tablename = 'response_events' ORDER BY 1")).isEqualTo(indexes);
        List<String> afterResume = contents();
        run("copy", r -> r.publish(Publish.STAGED));
        assertThat(afterResume).isEqualTo(contents());
    }

    @ParameterizedTest
    @EnumSource(WorkerDesign.class)
    void aFailingWorkerPublishesNothingAndResumeFinishesTheSameWarehouse(WorkerDesign design) {
        List<String> before = contents();
        change(30, 10);
        assertThatThrownBy(() -> run("copy-binary", r -> r.workers(3).workerDesign(design).failAfter(2_500)))
                .isInstanceOf(EtlException.class).hasMessageContaining("--fail-after");
        assertThat(contents()).as("nothing became visible").isEqualTo(before);
        RunResult resumed = run("copy-binary", r -> r.workers(3).workerDesign(design).resume(true));
        RunResult.Publication publication = resumed.publication().orElseThrow();
        assertThat(publication.chunksResumed()).as("the chunks done before the failure were kept").isPositive();
        assertThat(publication.eventsPerWorker()).hasSize(3);
        List<String> afterResume = contents();
        run("copy", r -> r.publish(Publish.STAGED));
        assertThat(afterResume).isEqualTo(contents());
        assertThatThrownBy(() -> run("copy-binary", r -> r.resume(true))).hasMessageContaining("nothing to resume");
    }

    @Test
    void queuedWorkersLoadWhatOneStreamLoadsThroughABoundedQueue() {
        long seed = Long.getLong("etl.seed", System.nanoTime());
        Random random = new Random(seed);
        for (String processor : List.of("copy-binary", "chunked-stateless", "copy")) {
            change(random.nextInt(30), random.nextInt(20));
            int workers = 2 + random.nextInt(3);
            int checkpointEvery = random.nextBoolean() ? 0 : 10 + random.nextInt(60);
            RunResult queued = run(processor, r -> r.workers(workers).workerDesign(WorkerDesign.QUEUE).checkpointEvery(checkpointEvery));
            List<String> byQueue = contents();
            RunResult.Publication publication = queued.publication().orElseThrow();
            RunResult.QueueFill queue = publication.queue().orElseThrow();
            String about = "seed " + seed + ", " + processor + ", " + workers + " workers, checkpoint every " + checkpointEvery;
            assertThat(publication.workerDesign()).contains(WorkerDesign.QUEUE);
            assertThat(publication.eventsPerWorker()).as(about).hasSize(workers)
                    .satisfies(perWorker -> assertThat(perWorker.stream().mapToLong(Long::longValue).sum())
                            .isEqualTo(queued.eventsWritten()));
            assertThat(queue.capacityBatches()).isEqualTo(workers * QueuedWorkers.BATCHES_PER_WORKER);
            assertThat(queue.samples()).as(about + ": sampled, and never fuller than its bound").isNotEmpty()
                    .allSatisfy(sample -> assertThat(sample[1]).isBetween(0L, (long) queue.capacityBatches()));
            assertThat(TestDatabase.count(RUN, "SELECT count(*) FROM dwh.etl_checkpoints WHERE run_id = "
                    + publication.runId())).as(about + ": every chunk checkpointed once").isEqualTo(publication.chunks());

            run(processor, r -> r.publish(Publish.STAGED)); // one stream, the same source
            assertThat(byQueue).as(about).isEqualTo(contents());
        }
    }

    @Test
    void partitionsLoadWhatOneStreamLoads() {
        long seed = Long.getLong("etl.seed", System.nanoTime());
        Random random = new Random(seed);
        for (String processor : List.of("copy-binary", "chunked-stateless", "copy")) {
            change(random.nextInt(30), random.nextInt(20));
            int workers = 2 + random.nextInt(3);
            int checkpointEvery = random.nextBoolean() ? 0 : 10 + random.nextInt(60);
            RunResult partitioned = run(processor, r -> r.workers(workers).workerDesign(WorkerDesign.PARTITIONS)
                    .checkpointEvery(checkpointEvery));
            List<String> byPartitions = contents();
            RunResult.Publication publication = partitioned.publication().orElseThrow();
            String about = "seed " + seed + " (replay: -Detl.seed=" + seed + "), " + processor + ", " + workers
                    + " workers, checkpoint every " + checkpointEvery;
            assertThat(publication.workerDesign()).as(about).contains(WorkerDesign.PARTITIONS);
            assertThat(publication.queue()).as(about + ": no queue in this design").isEmpty();
            assertThat(publication.eventsPerWorker()).as(about).hasSize(workers)
                    .satisfies(perWorker -> assertThat(perWorker.stream().mapToLong(Long::longValue).sum())
                            .isEqualTo(partitioned.eventsWritten()));
            assertThat(TestDatabase.count(RUN, "SELECT count(*) FROM dwh.etl_checkpoints WHERE run_id = "
                    + publication.runId())).as(about + ": every chunk checkpointed once").isEqualTo(publication.chunks());

            run(processor, r -> r.publish(Publish.STAGED)); // one stream, the same source
            assertThat(byPartitions).as(about).isEqualTo(contents());
        }
    }
}
