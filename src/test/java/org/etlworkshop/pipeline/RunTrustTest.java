package org.etlworkshop.pipeline;

import com.zaxxer.hikari.HikariDataSource;
import org.etlworkshop.EtlException;
import org.etlworkshop.TestDatabase;
import org.etlworkshop.TestRuns;
import org.etlworkshop.UsageException;
import org.etlworkshop.db.Databases;
import org.etlworkshop.db.Pools;
import org.etlworkshop.scenario.Scenario;
import org.etlworkshop.scenario.SourceChanges;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a run leaves in the warehouse, whatever came before it: an incremental run with nothing to
 * start from, a resumed run, runs that were killed, a resume told to publish another way.
 */
class RunTrustTest {
    private static final String SCENARIO = "mid";
    private static final String RUN = Databases.runName(SCENARIO);
    private static final List<String> PROCESSORS = List.of("copy", "chunked-stateless", "copy-binary", "chunked");
    private Scenario scenario;

    @BeforeEach
    void generated() {
        scenario = TestDatabase.generated(TestDatabase.testScenarios(), SCENARIO);
    }

    private static RunResult run(String processor, UnaryOperator<RunOptions.Builder> options) {
        return TestRuns.run(SCENARIO, TestRuns.CATALOG.get(processor), options);
    }

    private void change(int append, int edit) {
        try (HikariDataSource pool = Pools.open(TestDatabase.server().database(RUN))) {
            new SourceChanges(scenario).apply(pool, append, edit);
        }
    }

    private static void execute(String... sql) {
        try (Connection c = TestDatabase.connect(RUN); Statement s = c.createStatement()) {
            for (String statement : sql) {
                s.execute(statement);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
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

    /** A random share of the source's submissions changed at one of the ends of time. */
    private static void toTheEndsOfTime(Random random, String end) {
        execute("UPDATE app.submissions SET updated_at = '" + end + "' WHERE random() < " + random.nextDouble() * 0.5);
    }

    private static UnaryOperator<RunOptions.Builder> incremental(Random random) {
        int workers = 1 + random.nextInt(3);
        int checkpointEvery = random.nextBoolean() ? 0 : 10 + random.nextInt(40);
        return r -> r.publish(Publish.INCREMENTAL).workers(workers).checkpointEvery(checkpointEvery);
    }

    @Test
    void anIncrementalRunWithNothingToStartFromDoesWhatAFullRunDoesWhateverUpdatedAtHolds() {
        long seed = Long.getLong("etl.seed", System.nanoTime());
        Random random = new Random(seed);
        for (int round = 0; round < 3; round++) {
            TestDatabase.databases().createRunDatabase(SCENARIO); // a warehouse no run has succeeded in
            String about = "seed " + seed + " (replay: -Detl.seed=" + seed + "), round " + round;
            if (random.nextBoolean()) {
                assertThatThrownBy(() -> run("copy", r -> r.publish(Publish.STAGED).failAfter(50))).as(about)
                        .hasMessageContaining("--fail-after"); // a failed run is nothing to start from either
            }
            if (round == 0) { // every value at -infinity: the first watermark is -infinity itself
                execute("UPDATE app.submissions SET updated_at = '-infinity'");
            } else {
                toTheEndsOfTime(random, "-infinity");
            }
            if (round == 2) {
                toTheEndsOfTime(random, "infinity");
            }
            String processor = PROCESSORS.get(random.nextInt(PROCESSORS.size()));
            RunResult first = run(processor, incremental(random));
            assertThat(first.publication().orElseThrow().changedAfter()).as(about).isEmpty();
            assertThat(first.publication().orElseThrow().swap()).as(about + ": swapped in, as a full run is").isPresent();
            assertThat(TestDatabase.rows(RUN, "SELECT note FROM dwh.etl_runs WHERE id = " + first.publication().orElseThrow().runId()))
                    .singleElement().asString().contains("nothing to start from");
            List<String> incremental = contents();
            run("copy", r -> r.publish(Publish.STAGED));
            assertThat(incremental).as(about + ": the first incremental run equals a full one").isEqualTo(contents()).isNotEmpty();

            if (round < 2) { // a window from a finite or -infinity watermark up to a change at infinity
                change(random.nextInt(20), 1 + random.nextInt(20));
                toTheEndsOfTime(random, "infinity");
                run(PROCESSORS.get(random.nextInt(PROCESSORS.size())), incremental(random));
                List<String> next = contents();
                run("copy", r -> r.publish(Publish.STAGED));
                assertThat(next).as(about + ": the next incremental run equals a full one").isEqualTo(contents());
            }
        }
    }

    @Test
    void aResumedRunStampsOneProcessedOnOnEveryEventAndRejection() {
        long seed = Long.getLong("etl.seed", System.nanoTime());
        Random random = new Random(seed);
        TestRuns.run(SCENARIO, "copy");
        long events = TestDatabase.count(RUN, "SELECT count(*) FROM dwh.response_events");
        for (int round = 0; round < 3; round++) {
            change(random.nextInt(30), random.nextInt(20));
            // the edits may have rewritten the scenario's malformed submissions: one is made malformed again, so the
            // rejections' processed_on is checked too (and, changed, it is in an incremental run's window)
            execute("UPDATE app.submissions SET responses = '[]', updated_at = updated_at + interval '1 hour' "
                    + "WHERE id = (SELECT id FROM app.submissions ORDER BY id OFFSET " + random.nextInt(10) + " LIMIT 1)");
            String processor = PROCESSORS.get(random.nextInt(PROCESSORS.size()));
            int workers = 1 + random.nextInt(3);
            WorkerDesign design = WorkerDesign.values()[random.nextInt(WorkerDesign.values().length)];
            long failAfter = events * (40 + random.nextInt(40)) / 100;
            Publish mode = random.nextBoolean() ? Publish.STAGED : Publish.INCREMENTAL;
            String about = "seed " + seed + " (replay: -Detl.seed=" + seed + "), " + processor + " " + mode.label() + ", " + workers + " "
                    + design.cliName() + " workers, failing after " + failAfter + " events";
            UnaryOperator<RunOptions.Builder> options = r -> r.publish(mode).checkpointEvery(10).workers(workers).workerDesign(design);
            if (mode == Publish.INCREMENTAL) { // the whole source changed (all past the last watermark), so the run is long enough to fail half-way
                execute("UPDATE app.submissions SET updated_at = updated_at + interval '1 day' "
                        + "+ (SELECT max(updated_at) - min(updated_at) FROM app.submissions)");
            }
            Throwable failed = catchThrowable(() -> run(processor, r -> options.apply(r).failAfter(failAfter)));
            assertThat(failed).as(about).isInstanceOf(EtlException.class).hasMessageContaining("--fail-after");
            RunResult resumed = run(processor, r -> options.apply(r).resume(true));
            RunResult.Publication publication = resumed.publication().orElseThrow();
            assertThat(publication.chunksResumed()).as(about + ": chunks of the failed attempt were kept").isPositive();
            assertThat(TestDatabase.rows(RUN, "SELECT DISTINCT processed_on FROM dwh.response_events UNION "
                    + "SELECT processed_on FROM dwh.rejected_submissions UNION SELECT processed_on FROM dwh.rejected_answers"))
                    .as(about + ": one run, one processed_on").singleElement()
                    .isEqualTo(TestDatabase.rows(RUN, "SELECT processed_on FROM dwh.etl_runs WHERE id = " + publication.runId()).get(0));
            assertThat(TestDatabase.count(RUN, "SELECT count(*) FROM dwh.rejected_submissions")).as(about).isPositive();
            List<String> afterResume = contents();
            run("copy", r -> r.publish(Publish.STAGED));
            assertThat(afterResume).as(about + ": as if never interrupted").isEqualTo(contents());
        }
    }

    @Test
    void aResumeRefusesAPublishModeThatIsNotItsRunsAndARunItsProcessStillHolds() throws SQLException {
        TestRuns.run(SCENARIO, "copy");
        for (Publish mode : List.of(Publish.INCREMENTAL, Publish.STAGED)) {
            Publish other = mode == Publish.STAGED ? Publish.INCREMENTAL : Publish.STAGED;
            change(10, 10);
            assertThatThrownBy(() -> run("copy", r -> r.publish(mode).checkpointEvery(10).failAfter(100)))
                    .hasMessageContaining("--fail-after");
            long runId = Long.parseLong(TestDatabase.rows(RUN, "SELECT max(id)::text FROM dwh.etl_runs").get(0));
            assertThatThrownBy(() -> run("copy", r -> r.resume(true).publish(other))).isInstanceOf(UsageException.class)
                    .hasMessage("--resume continues run " + runId + ", which publishes " + mode.label() + ", but --publish "
                            + other.label() + " was given: leave --publish out, or give --publish " + mode.label());
            try (Connection owner = TestDatabase.connect(RUN)) { // its process, alive: not taken over
                assertThat(RunOwner.tryLock(owner, runId)).isTrue();
                assertThatThrownBy(() -> run("copy", r -> r.resume(true))).isInstanceOf(EtlException.class)
                        .hasMessageContaining("cannot resume run " + runId).hasMessageContaining("still alive");
            }
            Publish given = mode == Publish.INCREMENTAL ? mode : null; // the run's own mode, or none
            RunResult resumed = run("copy", r -> r.resume(true).publish(given));
            assertThat(resumed.publication().orElseThrow().mode()).isEqualTo(mode);
            assertThat(resumed.publication().orElseThrow().runId()).isEqualTo(runId);
        }
    }

    /** A run as a killed process leaves it: its row says running, its stage tables exist, nobody holds it. */
    private record Left(long id, String processor, boolean checkpointed, boolean alive) {
        boolean hasStage() {
            return TestDatabase.count(RUN, "SELECT count(*) FROM pg_tables WHERE schemaname = 'dwh' AND tablename LIKE '%\\_stage\\_"
                    + id + "'") == 3;
        }

        String status() {
            return TestDatabase.rows(RUN, "SELECT status FROM dwh.etl_runs WHERE id = " + id).get(0);
        }
    }

    /**
     * Killed runs (rows that say running, stage tables) are marked failed by the next staged run and
     * the stage tables of those no --resume can continue are dropped; the stage of the one a resume
     * would continue is kept, and a run whose process is alive (it holds its lock, here from this
     * test) is never touched. Random sets of runs: processors, checkpointed or not, alive or not.
     */
    @Test
    void staleRunsAreMarkedFailedAndTheirStagesDroppedButNeverALiveRunsOrOneAResumeWouldContinue() throws SQLException {
        long seed = Long.getLong("etl.seed", System.nanoTime());
        Random random = new Random(seed);
        List<String> processors = List.of("copy", "chunked", "copy-binary");
        for (int round = 0; round < 3; round++) {
            TestRuns.run(SCENARIO, "copy"); // a warehouse with a successful run
            List<Left> left = new ArrayList<>();
            try (HikariDataSource pool = Pools.open(TestDatabase.server().database(RUN)); Connection alive = pool.getConnection();
                 Statement s = alive.createStatement()) {
                int count = 2 + random.nextInt(6);
                for (int i = 0; i < count; i++) {
                    String processor = processors.get(random.nextInt(processors.size()));
                    boolean checkpointed = random.nextBoolean();
                    long id = Long.parseLong(TestDatabase.rows(RUN, "INSERT INTO dwh.etl_runs (processor, mode, status, chunks) VALUES ('"
                            + processor + "', 'staged', 'running', " + (checkpointed ? "10" : "NULL") + ") RETURNING id").get(0));
                    new StageTables(id).create(pool);
                    boolean isAlive = random.nextInt(4) == 0;
                    if (isAlive) {
                        assertThat(RunOwner.tryLock(alive, id)).isTrue(); // as its process would hold it
                    }
                    left.add(new Left(id, processor, checkpointed, isAlive));
                }
                execute("CREATE TABLE dwh.response_events_old_" + left.get(0).id() + " (LIKE dwh.response_events)");
                String about = "seed " + seed + " (replay: -Detl.seed=" + seed + "), round " + round + ": " + left;

                run("chunked-stateless", r -> r.publish(Publish.STAGED));
                for (Left run : left) {
                    Left newest = left.stream().filter(o -> o.processor().equals(run.processor()) && o.checkpointed())
                            .reduce((a, b) -> b).orElse(null);
                    boolean resumable = run.equals(newest);
                    assertThat(run.status()).as(about + ", run " + run.id()).isEqualTo(run.alive() ? "running" : "failed");
                    assertThat(run.hasStage()).as(about + ", run " + run.id() + "'s stage").isEqualTo(run.alive() || resumable);
                }
                assertThat(TestDatabase.count(RUN, "SELECT count(*) FROM pg_tables WHERE tablename LIKE 'response_events_old%'"))
                        .as(about + ": an old live table whose swap was killed is dropped, unless its run lives")
                        .isEqualTo(left.get(0).alive() ? 1 : 0);

                run("chunked-stateless", r -> r.publish(Publish.STAGED)); // after a success nothing earlier can resume
                for (Left run : left) {
                    assertThat(run.hasStage()).as(about + ", run " + run.id() + "'s stage after a success").isEqualTo(run.alive());
                    assertThat(run.status()).isEqualTo(run.alive() ? "running" : "failed");
                }
                s.execute("SELECT pg_advisory_unlock_all()"); // the live ones end without finishing
            }
            run("chunked-stateless", r -> r.publish(Publish.STAGED));
            assertThat(TestDatabase.rows(RUN, "SELECT DISTINCT status FROM dwh.etl_runs ORDER BY 1")).containsExactly("failed", "succeeded");
            assertThat(TestDatabase.rows(RUN, "SELECT tablename FROM pg_tables WHERE schemaname = 'dwh' ORDER BY 1"))
                    .as("no stage or old table is left").containsExactly("etl_checkpoints", "etl_runs", "rejected_answers",
                            "rejected_submissions", "response_events");
        }
    }
}
