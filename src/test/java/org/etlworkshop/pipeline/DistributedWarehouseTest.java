package org.etlworkshop.pipeline;

import com.zaxxer.hikari.HikariDataSource;
import org.etlworkshop.CitusTestCluster;
import org.etlworkshop.Progress;
import org.etlworkshop.TestDatabase;
import org.etlworkshop.TestRuns;
import org.etlworkshop.UsageException;
import org.etlworkshop.db.CitusFigures;
import org.etlworkshop.db.Databases;
import org.etlworkshop.db.Pools;
import org.etlworkshop.db.PostgresServer;
import org.etlworkshop.scenario.Scenario;
import org.etlworkshop.scenario.SourceChanges;
import org.etlworkshop.scenario.Templates;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The warehouse distributed over a real Citus cluster ({@code --distributed}) holds exactly what the
 * same processor writes on one server, in every publish mode and with workers; and its tables really
 * are spread: over both workers, the stage colocated with the live table.
 */
class DistributedWarehouseTest {
    private static final String SCENARIO = "small";
    private static final String RUN = Databases.runName(SCENARIO);

    private static RunResult run(PostgresServer server, String processor, UnaryOperator<RunOptions.Builder> options) {
        return ProcessRun.on(server, SCENARIO, options.apply(RunOptions.builder()).build()).execute(TestRuns.CATALOG.get(processor));
    }

    /** The warehouse without what differs between equal runs (event ids, processed_on), sorted: events and rejections. */
    private static List<String> contents(Function<String, List<String>> query) {
        List<String> all = new ArrayList<>(query.apply("SELECT concat_ws('|', form_id, form_name, user_id, user_full_name, "
                + "submission_id, submission_created, schema_path, value, answer_type, tag) FROM dwh.response_events"));
        all.addAll(query.apply("SELECT 'rejected|' || submission_id || '|' || reason FROM dwh.rejected_submissions"));
        all.addAll(query.apply("SELECT 'rejected answer|' || submission_id || '|' || schema_path || '|' || value "
                + "FROM dwh.rejected_answers"));
        all.sort(null);
        return all;
    }

    private static List<String> onCluster() {
        return contents(sql -> CitusTestCluster.rows(RUN, sql));
    }

    private static List<String> onOneServer() {
        return contents(sql -> TestDatabase.rows(RUN, sql));
    }

    private static void change(PostgresServer server, Scenario scenario, int append, int edit) {
        try (HikariDataSource pool = Pools.open(server.database(RUN))) {
            new SourceChanges(scenario).apply(pool, append, edit);
        }
    }

    /**
     * Every processor in replace mode, and each in one more mode (staged, {@code --workers 2} or incremental, dealt
     * round-robin over the processors in a seeded random order, so every mode is tested with four or five processors in
     * each run and every pairing over runs). {@code -Detl.cluster.allModes=true} runs every processor in every mode
     * (about three times as long).
     */
    @Test
    void everyProcessorWritesOnTheClusterWhatItWritesOnOneServerInEveryMode() {
        PostgresServer cluster = CitusTestCluster.coordinator();
        Scenario scenario = TestDatabase.generated(TestDatabase.shippedScenarios(), SCENARIO);
        new Templates(new Databases(cluster)).ensureGenerated(scenario, false, Progress.NONE);
        long seed = Long.getLong("etl.seed", System.nanoTime());
        boolean allModes = Boolean.getBoolean("etl.cluster.allModes");
        Random random = new Random(seed);
        List<String> processors = new ArrayList<>(TestRuns.processors());
        java.util.Collections.shuffle(processors, random);
        for (int i = 0; i < processors.size(); i++) {
            String processor = processors.get(i);
            String as = processor + " (seed " + seed + ", -Detl.seed replays it)";
            TestRuns.run(SCENARIO, processor);
            List<String> oneServer = onOneServer();
            assertThat(oneServer).as(as).isNotEmpty();

            RunResult replaced = run(cluster, processor, r -> r.distributed(true));
            assertThat(onCluster()).as(as + ", replace").isEqualTo(oneServer);
            assertSpreadOverBothWorkers(replaced, as);

            if (allModes || i % 3 == 0) {
                RunResult staged = run(cluster, processor, r -> r.distributed(true).publish(Publish.STAGED));
                assertThat(onCluster()).as(as + ", staged").isEqualTo(oneServer);
                assertSpreadOverBothWorkers(staged, as);
            }
            if (allModes || i % 3 == 1) {
                WorkerDesign design = WorkerDesign.values()[random.nextInt(WorkerDesign.values().length)];
                RunResult parallel = run(cluster, processor, r -> r.distributed(true).workers(2).workerDesign(design));
                assertThat(onCluster()).as(as + ", --workers 2, " + design).isEqualTo(oneServer);
                assertThat(parallel.publication().orElseThrow().eventsPerWorker()).as(as).hasSize(2);
                assertSpreadOverBothWorkers(parallel, as);
            }
            if (allModes || i % 3 == 2) {
                int append = 1 + random.nextInt(6);
                int edit = 1 + random.nextInt(6);
                change(cluster, scenario, append, edit);
                change(TestDatabase.server(), scenario, append, edit);
                RunResult incremental = run(cluster, processor, r -> r.distributed(true).publish(Publish.INCREMENTAL));
                TestRuns.run(SCENARIO, TestRuns.CATALOG.get(processor), r -> r.publish(Publish.STAGED)); // one server: a full rebuild
                assertThat(onCluster()).as(as + ", incremental after +" + append + " ~" + edit).isEqualTo(onOneServer());
                assertThat(incremental.submissionsRead()).as(as + ": only what changed is read").isBetween(1L, (long) append + edit);
            }
        }
        assertThat(CitusTestCluster.rows(RUN, "SELECT DISTINCT status FROM dwh.etl_runs")).containsExactly("succeeded");
    }

    /** The run's events were loaded on both workers, and what it reported per node adds up to what it wrote. */
    private static void assertSpreadOverBothWorkers(RunResult result, String as) {
        RunResult.Distribution distribution = result.distribution().orElseThrow();
        assertThat(distribution.eventsPerNode()).as(as).hasSize(2).allSatisfy(node -> assertThat(node.rows()).isPositive());
        assertThat(distribution.eventsPerNode().stream().mapToLong(CitusFigures.NodeShare::rows).sum()).as(as)
                .isEqualTo(result.eventsWritten());
        assertThat(distribution.traffic()).as(as + ": Citus counted the coordinator's statements").isPresent();
        assertThat(CitusTestCluster.rows(RUN, "SELECT count(*) FROM citus_shards WHERE citus_table_type = 'distributed' "
                + "AND table_name::text LIKE 'dwh.%'")).as(as + ": no stage is left, each live table in 4 shards")
                .containsExactly("12");
        assertThat(CitusTestCluster.rows(RUN, "SELECT DISTINCT colocation_id FROM citus_tables WHERE distribution_column = "
                + "'submission_id' OR table_name = 'app.submissions'::regclass")).as(as + ": submissions, events and rejections colocated")
                .hasSize(1);
    }

    @Test
    void aWarehouseDistributedOnceIsNotLoadedAsIfOnOneServer() {
        PostgresServer cluster = CitusTestCluster.coordinator();
        Scenario scenario = TestDatabase.generated(TestDatabase.shippedScenarios(), SCENARIO);
        new Templates(new Databases(cluster)).ensureGenerated(scenario, false, Progress.NONE);
        run(cluster, "copy", r -> r.distributed(true).publish(Publish.STAGED));
        assertThatThrownBy(() -> run(cluster, "copy", r -> r.publish(Publish.STAGED))).isInstanceOf(UsageException.class)
                .hasMessageContaining("distributed over a Citus cluster: add --distributed");
        assertThatThrownBy(() -> run(TestDatabase.server(), "copy", r -> r.distributed(true))).isInstanceOf(UsageException.class)
                .hasMessageContaining("--distributed needs a Citus coordinator");
    }
}
