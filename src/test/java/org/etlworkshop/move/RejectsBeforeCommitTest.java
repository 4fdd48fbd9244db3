package org.etlworkshop.move;

import com.zaxxer.hikari.HikariDataSource;
import org.etlworkshop.EtlException;
import org.etlworkshop.TestDatabase;
import org.etlworkshop.db.Pools;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The rejects are written and flushed before the import commits: a rejects file that cannot be
 * written (a directory that cannot be made, a parent that is a file, a disk that is full) fails the
 * import while it can still roll back, and what the message says was loaded is what the table holds.
 */
class RejectsBeforeCommitTest {
    private static HikariDataSource pool;

    @TempDir
    Path dir;

    @BeforeAll
    static void open() {
        MoveDatabase.create();
        pool = Pools.open(TestDatabase.server().database(MoveDatabase.NAME), 6, Map.of("stringtype", "unspecified"));
    }

    @AfterAll
    static void close() {
        pool.close();
    }

    private static long rows() {
        return TestDatabase.count(MoveDatabase.NAME, "SELECT count(*) FROM public.kept");
    }

    /** Where the rejects cannot go, each its own way of failing. */
    private Path unwritable(int kind, String fileName) throws IOException {
        return switch (kind) {
            case 0 -> Path.of("/proc/nope"); // the directory cannot be made
            case 1 -> Files.writeString(dir.resolve("a-file"), "not a directory"); // its parent is a file
            default -> { // the files open, but every write fails: only a flush before the commit finds it in time
                Path full = Files.createDirectories(dir.resolve("full"));
                Files.createSymbolicLink(full.resolve(fileName + ".rejects"), Path.of("/dev/full"));
                Files.createSymbolicLink(full.resolve(fileName + ".rejects.log"), Path.of("/dev/full"));
                yield full;
            }
        };
    }

    @Test
    void aRejectsFileThatCannotBeWrittenLoadsNothingAndSaysSoTruly() throws IOException {
        long seed = Long.getLong("etl.seed", System.nanoTime());
        Random random = new Random(seed);
        for (int round = 0; round < 8; round++) {
            MoveDatabase.execute("DROP TABLE IF EXISTS public.kept", "CREATE TABLE public.kept (id int PRIMARY KEY, born date)");
            int good = 1 + random.nextInt(60);
            int bad = 1 + random.nextInt(5);
            StringBuilder csv = new StringBuilder("id,born\n");
            for (int i = 1, b = 0; i <= good || b < bad; i++) {
                boolean badRow = b < bad && (i > good || random.nextInt(4) == 0);
                csv.append(i).append(',').append(badRow ? "not-a-date" : "2020-01-0" + (1 + i % 9)).append('\n');
                b += badRow ? 1 : 0;
            }
            String name = "round" + round + ".csv";
            Path file = Files.writeString(dir.resolve(name), csv);
            int kind = random.nextInt(3);
            Importer.Method method = Importer.Method.values()[random.nextInt(3)];
            int workers = method == Importer.Method.ROW ? 1 : 1 + random.nextInt(3);
            String about = "seed " + seed + " (replay: -Detl.seed=" + seed + "), round " + round + ": " + good + " good rows, "
                    + bad + " bad, --method " + method.cliName() + ", --workers " + workers + ", rejects where writing fails by " + kind;
            Path rejectsDir = unwritable(kind, name);

            EtlException e = catchThrowableOfType(EtlException.class, () -> Importer.run(new FileSource(file), pool, "public.kept",
                    new Importer.Options(null, List.of(), List.of(), method, 10, rejectsDir, false, workers), Importer.Progress.NONE));

            assertThat(e).as(about).isNotNull();
            assertThat(e.getMessage()).as(about).contains("cannot write the rejects").doesNotContain("\n");
            if (!e.getMessage().contains("stopped after")) { // refused before anything was read (the place cannot hold a file)
                assertThat(e.getMessage()).as(about).endsWith("nothing was loaded");
                assertThat(rows()).as(about + ": the message said nothing was loaded").isZero();
            } else if (method == Importer.Method.ROW) { // committed row by row: the message names exactly what stayed
                Matcher committed = Pattern.compile("([\\d,]+) rows were committed one by one").matcher(e.getMessage());
                assertThat(committed.find()).as(about + ": " + e.getMessage()).isTrue();
                assertThat(rows()).as(about).isEqualTo(Long.parseLong(committed.group(1).replace(",", "")));
            } else {
                assertThat(e.getMessage()).as(about).contains("nothing was loaded (rolled back)");
                assertThat(rows()).as(about + ": the message said nothing was loaded").isZero();
            }
            assertThat(TestDatabase.count(MoveDatabase.NAME, "SELECT count(*) FROM pg_prepared_xacts WHERE gid LIKE 'etl-import-%'"))
                    .as(about).isZero();
        }
    }
}
