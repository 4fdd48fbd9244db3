package org.etlworkshop.move;

import com.zaxxer.hikari.HikariDataSource;
import org.etlworkshop.EtlException;
import org.etlworkshop.TestDatabase;
import org.etlworkshop.db.Pools;
import org.etlworkshop.db.TwoPhaseCommit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** --workers N: several loading connections that commit all together or not at all, and recover what a crash left. */
class ParallelImportTest {
    private static final int ROWS = 55_000; // six batches: every worker gets some
    private static HikariDataSource pool;

    @TempDir
    Path dir;

    @BeforeAll
    static void open() throws Exception {
        MoveDatabase.create();
        pool = Pools.open(TestDatabase.server().database(MoveDatabase.NAME), 5, Map.of("stringtype", "unspecified"));
        try (Connection c = pool.getConnection()) { // a run of this test killed mid-way leaves its prepared transactions
            TwoPhaseCommit.recover(c, "etl-import-");
        }
    }

    @AfterAll
    static void close() {
        pool.close();
    }

    @BeforeEach
    void freshTable() {
        MoveDatabase.execute("DROP TABLE IF EXISTS public.many", "CREATE TABLE public.many (id int PRIMARY KEY, name text)");
    }

    private Path csv(int rows, int duplicateAt) throws IOException {
        StringBuilder text = new StringBuilder("id,name\n");
        for (int i = 1; i <= rows; i++) {
            text.append(i == duplicateAt ? 1 : i).append(",row ").append(i).append('\n');
        }
        return Files.writeString(dir.resolve("many-" + duplicateAt + ".csv"), text);
    }

    private Importer.Result load(Path file, long maxRejects, int workers) {
        return Importer.run(new FileSource(file), pool, "public.many", new Importer.Options(null, List.of(), List.of(),
                Importer.Method.COPY, maxRejects, dir, false, workers), Importer.Progress.NONE);
    }

    private static long rows() {
        return TestDatabase.count(MoveDatabase.NAME, "SELECT count(*) FROM public.many");
    }

    private static long prepared() {
        return TestDatabase.count(MoveDatabase.NAME, "SELECT count(*) FROM pg_prepared_xacts WHERE gid LIKE 'etl-import-%'");
    }

    @Test
    void fourWorkersLoadEveryRowOnceAndRejectAcrossWorkers() throws IOException {
        Importer.Result r = load(csv(ROWS, 40_123), 1, 4);
        assertThat(r.rowsLoaded()).isEqualTo(ROWS - 1);
        assertThat(rows()).isEqualTo(ROWS - 1);
        assertThat(Files.readString(dir.resolve("many-40123.csv.rejects"))).isEqualTo("1,row 40123\n");
        assertThat(prepared()).isZero();
    }

    @Test
    void aFailingWorkerStopsTheOthersAndNothingBecomesVisible() throws IOException {
        assertThatThrownBy(() -> load(csv(ROWS, 52_000), 0, 3)).isInstanceOf(EtlException.class)
                .hasMessageContaining("duplicate key").hasMessageContaining("nothing was loaded");
        assertThat(rows()).isZero();
        assertThat(prepared()).as("no prepared transaction is left behind").isZero();
    }

    /**
     * The kill between two PREPAREs, forced rather than left to timing: an uncommitted row of our own
     * with one source row's key holds back the worker that row routes to, while the others finish
     * loading. A real {@code etl import --workers N} in a child JVM, N and the held key random. Once
     * every other worker has loaded and the held one waits, none may be prepared (each used to prepare
     * as its own queue ended, and a kill then left a set that recovery committed: half an import).
     * Then the import is killed with SIGKILL, or the lock released, and the table holds none or all of
     * the rows once the next import has recovered what was left.
     */
    @Test
    void aWorkerHeldBackKeepsTheOthersUnpreparedAndAKillThenLoadsNothing() throws Exception {
        long seed = Long.getLong("etl.seed", System.nanoTime());
        Random random = new Random(seed);
        for (int round = 0; round < 3; round++) {
            freshTable();
            int workers = 2 + random.nextInt(3);
            int rows = 40 * workers + random.nextInt(200);
            int held = 1 + random.nextInt(rows);
            boolean kill = round == 0 || (round == 2 && random.nextBoolean());
            String about = "seed " + seed + " (replay: -Detl.seed=" + seed + "), round " + round + ": " + rows + " rows, --workers "
                    + workers + ", key " + held + " held, then " + (kill ? "killed" : "released");
            Path file = csv(rows, 0);
            try (Connection lock = pool.getConnection(); Statement s = lock.createStatement()) {
                lock.setAutoCommit(false);
                s.execute("INSERT INTO public.many VALUES (" + held + ", 'held by the test')");
                Process etl = etlImport(file, workers, dir.resolve("import-" + round + ".log"));
                try {
                    awaitOthersLoadedWhileOneWaits(workers, etl, dir.resolve("import-" + round + ".log"), about);
                    assertThat(prepared()).as(about + ": no worker is prepared while another still loads").isZero();
                    if (kill) {
                        etl.destroyForcibly(); // SIGKILL: no rollback by the import itself
                        assertThat(etl.waitFor(1, TimeUnit.MINUTES)).isTrue();
                    }
                } finally {
                    lock.rollback(); // the held key was never there
                }
                if (!kill) {
                    assertThat(etl.waitFor(2, TimeUnit.MINUTES)).isTrue();
                    assertThat(etl.exitValue()).as(about + ": " + Files.readString(dir.resolve("import-" + round + ".log"))).isZero();
                }
            }
            try (Connection c = pool.getConnection()) { // what the next import does first
                TwoPhaseCommit.recover(c, "etl-import-");
            }
            assertThat(rows()).as(about).isEqualTo(kill ? 0 : rows);
            assertThat(prepared()).as(about).isZero();
        }
    }

    private Process etlImport(Path file, int workers, Path log) throws IOException {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.etlworkshop.cli.EtlCommand", "import", file.toString(),
                "public.many", "--workers", Integer.toString(workers), "--url",
                TestDatabase.server().database(MoveDatabase.NAME).jdbcUrl(), "--user", "postgres",
                "--data-dir", dir.resolve("etl-data").toString());
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Until one backend of the import waits for a lock and every other worker has loaded (or, as it used to, prepared). */
    private static void awaitOthersLoadedWhileOneWaits(int workers, Process etl, Path log, String about) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        String others = "FROM pg_stat_activity WHERE datname = '" + MoveDatabase.NAME + "' AND pid <> pg_backend_pid() "
                + "AND query NOT LIKE 'INSERT INTO public.many VALUES%'";
        while (true) {
            List<String> state = TestDatabase.rows(MoveDatabase.NAME, "SELECT (SELECT count(*) " + others + " AND wait_event_type = 'Lock'), "
                    + "(SELECT count(*) " + others + " AND state = 'idle in transaction' AND backend_xid IS NOT NULL) " // has written, waits
                    + "+ (SELECT count(*) FROM pg_prepared_xacts WHERE gid LIKE 'etl-import-%')");
            String[] counts = state.get(0).split("\\|");
            if (counts[0].equals("1") && Long.parseLong(counts[1]) >= workers - 1) {
                return;
            }
            assertThat(etl.isAlive() && System.nanoTime() < deadline).as(about + ": the import never reached the held key (" + state
                    + "): " + Files.readString(log)).isTrue();
            Thread.sleep(10);
        }
    }

    /**
     * Whatever a killed run left prepared, recovery keeps all of its rows or none: the rows of the
     * workers left are committed only when the run's decision is among them (it had prepared every
     * worker and decided), otherwise rolled back; any random subset of workers, with or without the
     * decision, and a prepared transaction that is not an import's is left alone.
     */
    @Test
    void recoveryCommitsOnlyADecidedRunAndRollsBackAnyOtherSet() throws Exception {
        long seed = Long.getLong("etl.seed", System.nanoTime());
        Random random = new Random(seed);
        String foreign = "someone-else-" + seed;
        prepare(foreign, -1);
        try {
            recoverRandomSets(random, seed);
            assertThat(TestDatabase.count(MoveDatabase.NAME, "SELECT count(*) FROM pg_prepared_xacts WHERE gid = '" + foreign + "'"))
                    .as("not an import's: left alone").isOne();
        } finally {
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                s.execute("ROLLBACK PREPARED '" + foreign + "'");
            }
        }
    }

    private void recoverRandomSets(Random random, long seed) throws Exception {
        for (int round = 0; round < 12; round++) {
            freshTable();
            int n = 1 + random.nextInt(6);
            boolean decided = random.nextBoolean();
            String run = "etl-import-run" + round;
            List<String> left = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                // decided: killed while committing, so some workers are gone (committed) already; undecided: killed while preparing
                if (random.nextInt(3) > 0) {
                    prepare(run + "-" + i + "-of-" + n, i);
                    left.add(Integer.toString(i));
                }
            }
            if (decided) {
                prepare(run + "-commit-of-" + n, -1); // the decision holds no row
            }
            String about = "seed " + seed + " (replay: -Detl.seed=" + seed + "): workers " + left + " of " + n + " left prepared, "
                    + (decided ? "decided" : "undecided");
            List<String> done;
            try (Connection c = pool.getConnection()) {
                done = TwoPhaseCommit.recover(c, "etl-import-");
            }
            assertThat(TestDatabase.rows(MoveDatabase.NAME, "SELECT id::text FROM public.many ORDER BY id")).as(about)
                    .isEqualTo(decided ? left : List.of());
            assertThat(prepared()).as(about).isZero();
            if (!left.isEmpty() || decided) {
                assertThat(done).as(about).singleElement().asString().startsWith(decided ? "committed" : "rolled back");
            }
        }
    }

    private static void prepare(String id, int row) throws Exception {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            if (row >= 0) {
                s.execute("INSERT INTO public.many VALUES (" + row + ", 'prepared')");
            }
            s.execute("PREPARE TRANSACTION '" + id + "'");
            c.setAutoCommit(true);
        }
    }
}
