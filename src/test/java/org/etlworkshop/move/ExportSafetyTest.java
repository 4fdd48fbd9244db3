package org.etlworkshop.move;

import com.zaxxer.hikari.HikariDataSource;
import org.etlworkshop.EtlException;
import org.etlworkshop.TestDatabase;
import org.etlworkshop.UsageException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What an export or a transfer must never do: replace a FIFO or a symbolic link by a plain file,
 * or write to the database through a user's query.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a multi-statement COPY can leave pgjdbc waiting for good
class ExportSafetyTest {
    private static HikariDataSource pool;

    @TempDir
    Path dir;

    @BeforeAll
    static void open() {
        pool = MoveDatabase.pool();
    }

    @AfterAll
    static void close() {
        pool.close();
    }

    @BeforeEach
    void tables() {
        MoveDatabase.execute("DROP TABLE IF EXISTS public.victim", "CREATE TABLE public.victim (id int PRIMARY KEY)",
                "INSERT INTO public.victim SELECT generate_series(1, 5)",
                "DROP SEQUENCE IF EXISTS public.counter", "CREATE SEQUENCE public.counter",
                "DROP TABLE IF EXISTS public.landing", "CREATE TABLE public.landing (id int)",
                "CREATE OR REPLACE FUNCTION public.sneaky() RETURNS SETOF int LANGUAGE sql AS 'DELETE FROM public.victim RETURNING id'");
    }

    private static Exporter.Result export(String query, Path to) {
        return Exporter.run(pool, query == null ? "public.victim" : null, query, Format.CSV, false,
                Destination.of(to.toString(), null), Importer.Progress.NONE);
    }

    private static long victims() {
        return TestDatabase.count(MoveDatabase.NAME, "SELECT count(*) FROM public.victim");
    }

    @Test
    void anExportIntoAFifoStreamsIntoItAndLeavesItAFifo() throws Exception {
        Path fifo = dir.resolve("pipe.csv");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        CompletableFuture<byte[]> reader = CompletableFuture.supplyAsync(() -> {
            try {
                return Files.readAllBytes(fifo);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        export(null, fifo);
        assertThat(new String(reader.get(30, TimeUnit.SECONDS), StandardCharsets.UTF_8)).isEqualTo("id\n1\n2\n3\n4\n5\n");
        assertThat(Files.readAttributes(fifo, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther())
                .as("still a FIFO").isTrue();
        assertThat(dir.resolve("pipe.csv.partial")).doesNotExist();
    }

    @Test
    void anExportThroughASymbolicLinkReplacesTheFileItPointsToAndKeepsTheLink() throws IOException {
        Path target = Files.writeString(dir.resolve("real.csv"), "old contents\n");
        Path link = Files.createSymbolicLink(dir.resolve("link.csv"), Path.of("real.csv"));
        export(null, link);
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(target)).isEqualTo("id\n1\n2\n3\n4\n5\n");
        try (var listing = Files.list(dir)) {
            assertThat(listing.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly("link.csv", "real.csv");
        }
    }

    @Test
    void aQueryRunsReadOnlySoNothingItCallsCanWrite() {
        Path file = dir.resolve("out.csv");
        assertThatThrownBy(() -> export("SELECT nextval('public.counter')", file)).isInstanceOf(EtlException.class)
                .hasMessageContaining("read-only transaction");
        assertThatThrownBy(() -> export("SELECT * FROM public.sneaky() AS id", file))
                .isInstanceOf(EtlException.class).hasMessageContaining("read-only transaction");
        assertThatThrownBy(() -> export("WITH gone AS (DELETE FROM public.victim RETURNING id) SELECT * FROM gone", file))
                .isInstanceOf(EtlException.class);
        assertThat(victims()).isEqualTo(5);
        assertThat(TestDatabase.rows(MoveDatabase.NAME, "SELECT last_value || ' ' || is_called FROM public.counter"))
                .containsExactly("1 false");
        assertThat(file).doesNotExist();
    }

    @Test
    void aQueryTextHoldingMoreThanOneStatementIsRefusedBeforeAnythingRuns() {
        Path file = dir.resolve("out.csv");
        String breakOut = "select 1) TO STDOUT; commit; delete from public.victim; copy (select 1";
        assertThatThrownBy(() -> export(breakOut, file)).isInstanceOf(UsageException.class).hasMessageContaining("one statement");
        String viaColumnCheck = "select 1 as id) q; delete from public.victim; select * from (select 1 as id";
        assertThatThrownBy(() -> Transfer.run(pool, viaColumnCheck, pool, "public.landing", true))
                .isInstanceOf(UsageException.class).hasMessageContaining("one statement");
        // one statement that still closes the parenthesis around it: refused by the server, never run as COPY
        assertThatThrownBy(() -> export("select 1) TO '" + dir.resolve("server-side.csv") + "' --", file))
                .isInstanceOf(EtlException.class);
        assertThat(dir.resolve("server-side.csv")).doesNotExist();
        assertThatThrownBy(() -> Transfer.run(pool, "SELECT * FROM public.sneaky() AS id", pool, "public.landing", true))
                .isInstanceOf(EtlException.class).hasMessageContaining("read-only transaction");
        assertThat(victims()).isEqualTo(5);
        assertThat(file).doesNotExist();
    }

    @Test
    void aTrailingSemicolonAndCommentsAreStillOneStatement() {
        Path file = dir.resolve("ok.csv");
        export("select id from public.victim where id < 3 -- the first two;\n order by id;  ", file);
        assertThat(file).content().isEqualTo("id\n1\n2\n");
    }

    @Test
    void statementsAreCountedTheWayPostgresqlReadsTheText() {
        for (String one : List.of("select 1", "select 1;", "select ';'", "select $$;$$", "select $tag$ ; $tag$",
                "select E'\\';'", "select 1 -- ; drop\n", "/* ; /* nested ; */ ; */ select 1", "select \"a;b\" from t",
                "select 'it''s; fine'", "select 1; -- trailing comment")) {
            assertThat(QueryText.single(one)).as(one).doesNotEndWith(";");
        }
        for (String two : List.of("select 1; select 2", "select 1) q; delete from t; select (1", "select 'a'; delete from t",
                "select E'\\'';delete from t", "select $$x$$; delete from t", "select 1 /* */; delete from t")) {
            assertThatThrownBy(() -> QueryText.single(two)).as(two).isInstanceOf(UsageException.class)
                    .hasMessageContaining("one statement");
        }
        assertThatThrownBy(() -> QueryText.single(" ; ")).isInstanceOf(UsageException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> QueryText.single("select 'open")).isInstanceOf(UsageException.class);
    }
}
