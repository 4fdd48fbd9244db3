package org.etlworkshop.cli;

import com.zaxxer.hikari.HikariDataSource;
import org.etlworkshop.CitusTestCluster;
import org.etlworkshop.Progress;
import org.etlworkshop.TestDatabase;
import org.etlworkshop.TestRuns;
import org.etlworkshop.db.Databases;
import org.etlworkshop.db.Pools;
import org.etlworkshop.db.PostgresServer;
import org.etlworkshop.pipeline.ProcessRun;
import org.etlworkshop.pipeline.Publish;
import org.etlworkshop.pipeline.RunOptions;
import org.etlworkshop.scenario.Scenario;
import org.etlworkshop.scenario.SourceChanges;
import org.etlworkshop.scenario.Templates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A checkpointed run on the distributed warehouse, killed with SIGKILL (a real child JVM) at a random
 * point, publish step included, and then resumed, leaves the same rows as a run never interrupted;
 * the live table never shows part of a run.
 */
class DistributedKilledRunTest {
    private static final String SCENARIO = "medium";
    private static final String RUN = Databases.runName(SCENARIO);

    @TempDir
    Path dir;

    private static List<String> warehouse() {
        CitusTestCluster.rows(RUN, "SELECT recover_prepared_transactions()"); // what Citus's daemon does within a minute
        List<String> rows = new ArrayList<>(CitusTestCluster.rows(RUN, "SELECT concat_ws('|', submission_id, schema_path, value, "
                + "answer_type, user_full_name) FROM dwh.response_events ORDER BY 1"));
        rows.add("rejected submissions: " + CitusTestCluster.rows(RUN, "SELECT count(*) FROM dwh.rejected_submissions").get(0));
        return rows;
    }

    private static void run(PostgresServer cluster, RunOptions.Builder options) {
        ProcessRun.on(cluster, SCENARIO, options.distributed(true).build()).execute(TestRuns.CATALOG.get("copy"));
    }

    private Process killable(String name, List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), EtlCommand.class.getName()));
        command.addAll(args);
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile()).start();
    }

    @Test
    void aDistributedRunKilledAtARandomPointAndResumedEqualsOneNeverInterrupted() throws Exception {
        PostgresServer cluster = CitusTestCluster.coordinator();
        Scenario scenario = TestDatabase.generated(TestDatabase.shippedScenarios(), SCENARIO);
        new Templates(new Databases(cluster)).ensureGenerated(scenario, false, Progress.NONE);
        long seed = Long.getLong("etl.seed", System.nanoTime());
        Random random = new Random(seed);
        run(cluster, RunOptions.builder()); // a fresh distributed warehouse
        List<String> processArgs = new ArrayList<>(List.of("process", SCENARIO, "copy", "--distributed", "--url", CitusTestCluster.url(),
                "--checkpoint-every", "40", "--profile-out", dir.resolve("first.json").toString()));
        long start = System.nanoTime();
        Process first = killable("first", processArgs);
        assertThat(first.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(first.exitValue()).as(Files.readString(dir.resolve("first.log"))).isZero();
        long runMillis = (System.nanoTime() - start) / 1_000_000;

        for (int attempt = 0; attempt < 2; attempt++) {
            try (HikariDataSource pool = Pools.open(cluster.database(RUN))) {
                new SourceChanges(scenario).apply(pool, 25, 15); // so the killed run has other contents to publish
            }
            List<String> old = warehouse();
            long killAt = (long) ((0.3 + 0.8 * random.nextDouble()) * runMillis); // from its start to just past its end
            List<String> args = new ArrayList<>(processArgs);
            if (random.nextBoolean()) {
                args.addAll(List.of("--workers", "2", "--workers-design", random.nextBoolean() ? "queue" : "partitions"));
            }
            Process killed = killable("killed-" + attempt, args);
            Thread.sleep(killAt);
            killed.destroyForcibly(); // SIGKILL: no shutdown hook, no rollback by us
            killed.waitFor(1, TimeUnit.MINUTES);
            List<String> seen = warehouse();
            String as = "seed " + seed + ", " + args.subList(3, args.size()) + " killed at " + killAt + " ms";

            boolean resumed;
            try {
                run(cluster, RunOptions.builder().resume(true));
                resumed = true;
            } catch (org.etlworkshop.UsageException nothingToResume) { // killed before its run began, or after it published
                resumed = false;
            }
            List<String> afterResume = warehouse();
            run(cluster, RunOptions.builder().publish(Publish.STAGED));
            List<String> uninterrupted = warehouse();
            assertThat(uninterrupted).as("the change made a difference").isNotEqualTo(old);
            assertThat(seen).as(as + ": the live table held a whole run, never part of one").isIn(old, uninterrupted);
            if (resumed) {
                assertThat(afterResume).as(as + ", then resumed").isEqualTo(uninterrupted);
            } else {
                assertThat(afterResume).as(as).isIn(old, uninterrupted);
            }
        }
    }
}
