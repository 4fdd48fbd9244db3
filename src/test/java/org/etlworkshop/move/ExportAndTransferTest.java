package org.etlworkshop.move;

import com.zaxxer.hikari.HikariDataSource;
import org.etlworkshop.EtlException;
import org.etlworkshop.TestDatabase;
import org.etlworkshop.TestRuns;
import org.etlworkshop.UsageException;
import org.etlworkshop.db.Databases;
import org.etlworkshop.db.Pools;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Export and transfer on the events of a scenario full of hostile text (quotes, tabs, newlines,
 * backslashes, {@code \N}, emoji): what goes out comes back as the same multiset of rows.
 */
class ExportAndTransferTest {
    private static final String EVENTS = "dwh.response_events";
    private static String run;
    private static HikariDataSource source;
    private static HikariDataSource scratch;

    @TempDir
    Path dir;

    @BeforeAll
    static void events() {
        TestDatabase.generated(TestDatabase.testScenarios(), "mid");
        TestRuns.run("mid", "copy");
        run = Databases.runName("mid");
        source = Pools.open(TestDatabase.server().database(run), 2, Map.of());
        scratch = MoveDatabase.pool();
        assertThat(TestDatabase.count(run, "SELECT count(*) FROM dwh.response_events WHERE value ~ '[\\t\\n\\\\\"]'"))
                .as("the events hold hostile text").isPositive();
    }

    @AfterAll
    static void close() {
        source.close();
        scratch.close();
    }

    private static void emptyCopyOfTheEvents() {
        MoveDatabase.execute("CREATE SCHEMA IF NOT EXISTS dwh", "DROP TABLE IF EXISTS dwh.response_events",
                "CREATE TABLE dwh.response_events (id bigint PRIMARY KEY, form_id uuid NOT NULL, form_name text NOT NULL, "
                        + "user_id uuid NOT NULL, user_full_name text, submission_id uuid NOT NULL, submission_created timestamptz NOT NULL, "
                        + "processed_on timestamptz NOT NULL, schema_path text NOT NULL, value text NOT NULL, answer_type text NOT NULL, "
                        + "tag text)");
    }

    /** Rows of one database that the other lacks, both ways, compared as text with their multiplicity. */
    private static long difference() {
        List<String> a = TestDatabase.rows(run, "SELECT t::text FROM dwh.response_events t ORDER BY 1");
        List<String> b = TestDatabase.rows(MoveDatabase.NAME, "SELECT t::text FROM dwh.response_events t ORDER BY 1");
        assertThat(b).hasSameSizeAs(a);
        return a.equals(b) ? 0 : 1;
    }

    @Test
    void everyFormatExportedAndImportedBackGivesTheSameRows() {
        for (Format format : Format.values()) { // one enum: what export writes, import reads back
            for (boolean gzip : List.of(false, true)) {
                Path file = dir.resolve("events-" + format + (gzip ? ".gz" : ""));
                Exporter.Result out = Exporter.run(source, EVENTS, null, format, gzip, Destination.of(file.toString(), null),
                        Importer.Progress.NONE);
                assertThat(out.rows()).isEqualTo(TestDatabase.count(run, "SELECT count(*) FROM dwh.response_events"));
                assertThat(dir.resolve(file.getFileName() + ".partial")).doesNotExist();
                emptyCopyOfTheEvents();
                Importer.Result in = Importer.run(new FileSource(file), scratch, EVENTS, new Importer.Options(format, List.of(),
                        List.of(), Importer.Method.COPY, 0, dir, false), Importer.Progress.NONE);
                assertThat(in.rowsLoaded()).as(format + " gzip " + gzip).isEqualTo(out.rows());
                assertThat(difference()).as(format + " gzip " + gzip).isZero();
            }
        }
    }

    @Test
    void aQueryIsExportedAndAFailedExportLeavesNoFile() {
        Path file = dir.resolve("counts.csv");
        Exporter.run(source, null, "SELECT answer_type, count(*) AS n FROM dwh.response_events GROUP BY 1 ORDER BY 1",
                Format.CSV, false, Destination.of(file.toString(), null), Importer.Progress.NONE);
        assertThat(file).content().startsWith("answer_type,n\n");
        Path failed = dir.resolve("failed.csv");
        assertThatThrownBy(() -> Exporter.run(source, null, "SELECT 1/0", Format.CSV, false,
                Destination.of(failed.toString(), null), Importer.Progress.NONE)).isInstanceOf(EtlException.class)
                .hasMessageContaining("division by zero");
        assertThat(failed).doesNotExist();
        assertThat(dir.resolve("failed.csv.partial")).doesNotExist();
        assertThatThrownBy(() -> Exporter.run(source, "dwh.nope", null, Format.CSV, false,
                Destination.of(failed.toString(), null), Importer.Progress.NONE)).isInstanceOf(UsageException.class);
    }

    @Test
    void transferMovesTheQuerysRowsInBinaryWhenTheTypesMatch() {
        emptyCopyOfTheEvents();
        Transfer.Result r = Transfer.run(source, "SELECT * FROM dwh.response_events", scratch, EVENTS, false);
        assertThat(r.binary()).isTrue();
        assertThat(difference()).isZero();
        Transfer.Result again = Transfer.run(source, "SELECT * FROM dwh.response_events", scratch, EVENTS, false);
        assertThat(again.rows()).isEqualTo(r.rows());
        assertThat(difference()).as("replaced, not appended").isZero();
    }

    @Test
    void transferCastsInTextWhenTypesDifferAndRefusesWhatCannotBeCast() {
        MoveDatabase.execute("DROP TABLE IF EXISTS public.answers",
                "CREATE TABLE public.answers (id numeric PRIMARY KEY, value text, created text)");
        Transfer.Result r = Transfer.run(source, "SELECT id, value, submission_created AS created FROM dwh.response_events",
                scratch, "public.answers", false);
        assertThat(r.binary()).isFalse();
        assertThat(TestDatabase.count(MoveDatabase.NAME, "SELECT count(*) FROM public.answers"))
                .isEqualTo(TestDatabase.count(run, "SELECT count(*) FROM dwh.response_events"));

        MoveDatabase.execute("DROP TABLE IF EXISTS public.mismatch", "CREATE TABLE public.mismatch (id bigint, value uuid)",
                "INSERT INTO public.mismatch VALUES (1, gen_random_uuid())");
        assertThatThrownBy(() -> Transfer.run(source, "SELECT id, submission_created AS value FROM dwh.response_events", scratch,
                "public.mismatch", false)).isInstanceOf(UsageException.class).hasMessageContaining("value timestamptz -> value uuid")
                .hasMessageContaining("nothing was moved");
        assertThat(TestDatabase.count(MoveDatabase.NAME, "SELECT count(*) FROM public.mismatch")).isEqualTo(1);
    }

    @Test
    void aTransferThatFailsMidWayLeavesTheDestinationAsItWas() {
        MoveDatabase.execute("DROP TABLE IF EXISTS public.ids", "CREATE TABLE public.ids (id bigint PRIMARY KEY)",
                "INSERT INTO public.ids VALUES (-1)");
        // the source query fails after it has sent rows: a division by zero on the last row
        String failing = "SELECT CASE WHEN id = (SELECT max(id) FROM dwh.response_events) THEN id / 0 ELSE id END AS id "
                + "FROM dwh.response_events ORDER BY id";
        assertThatThrownBy(() -> Transfer.run(source, failing, scratch, "public.ids", false)).isInstanceOf(EtlException.class)
                .hasMessageContaining("division by zero").hasMessageContaining("the destination is as it was");
        assertThat(TestDatabase.rows(MoveDatabase.NAME, "SELECT id::text FROM public.ids")).containsExactly("-1");
        // and a destination that refuses a row mid-way (a duplicate key)
        assertThatThrownBy(() -> Transfer.run(source, "SELECT 5 AS id FROM dwh.response_events LIMIT 2", scratch, "public.ids", true))
                .isInstanceOf(EtlException.class).hasMessageContaining("duplicate key");
        assertThat(TestDatabase.rows(MoveDatabase.NAME, "SELECT id::text FROM public.ids")).containsExactly("-1");
        assertThat(Files.exists(dir)).isTrue();
    }
}
