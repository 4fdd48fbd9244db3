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
import java.util.List;
import java.util.Map;

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

    @Test
    void recoveryFinishesAKilledRunAllOrNothing() throws Exception {
        // a run that died while preparing: worker 1 of 3 prepared, the others never were -> rolled back
        prepare("etl-import-dead-1-of-3", 1);
        // a run that died while committing: worker 1 committed already, 2 and 3 still prepared -> committed
        prepare("etl-import-late-2-of-3", 2);
        prepare("etl-import-late-3-of-3", 3);
        try (Connection c = pool.getConnection()) {
            assertThat(TwoPhaseCommit.recover(c, "etl-import-")).hasSize(2);
        }
        assertThat(TestDatabase.rows(MoveDatabase.NAME, "SELECT id::text FROM public.many ORDER BY id")).containsExactly("2", "3");
        assertThat(prepared()).isZero();
    }

    private static void prepare(String id, int row) throws Exception {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("INSERT INTO public.many VALUES (" + row + ", 'prepared')");
            s.execute("PREPARE TRANSACTION '" + id + "'");
            c.setAutoCommit(true);
        }
    }
}
