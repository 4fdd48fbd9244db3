package org.etlworkshop.move;

import com.zaxxer.hikari.HikariDataSource;
import org.etlworkshop.EtlException;
import org.etlworkshop.TestDatabase;
import org.etlworkshop.UsageException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** etl import against a real server: formats, rejects byte for byte with their lines, atomicity, the three methods. */
class ImporterTest {
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
    void freshTable() {
        MoveDatabase.execute("DROP TABLE IF EXISTS public.people",
                "CREATE TABLE public.people (id int PRIMARY KEY, name text, born date, tags jsonb, note text DEFAULT 'none')");
    }

    private Importer.Result load(Path file, long maxRejects, Importer.Method method, Format format) {
        return Importer.run(new FileSource(file), pool, "public.people",
                new Importer.Options(format, List.of(), List.of(), method, maxRejects, dir, false), Importer.Progress.NONE);
    }

    private static List<String> people() {
        return TestDatabase.rows(MoveDatabase.NAME, "SELECT id || '|' || coalesce(name, '<null>') || '|' || coalesce(born::text, '<null>') "
                + "|| '|' || coalesce(tags::text, '<null>') || '|' || note FROM public.people ORDER BY id");
    }

    @Test
    void csvWithQuotesEmbeddedNewlinesCrlfAndABomLoadsExactly() throws IOException {
        Path csv = Files.write(dir.resolve("people.csv"), ("\uFEFFid,name,born\r\n1,\"Smith, \"\"Jo\"\"\",1990-01-02\r\n"
                + "2,\"two\nlines\",\r\n3,\"\",2000-12-31\r\n4,tab\there,1999-09-09").getBytes(StandardCharsets.UTF_8));
        Importer.Result r = load(csv, 0, Importer.Method.COPY, null);
        assertThat(r.format()).isEqualTo(Format.CSV);
        assertThat(r.rowsLoaded()).isEqualTo(4);
        assertThat(people()).containsExactly("1|Smith, \"Jo\"|1990-01-02|<null>|none", "2|two\nlines|<null>|<null>|none",
                "3||2000-12-31|<null>|none", "4|tab\there|1999-09-09|<null>|none");
    }

    @Test
    void everyKindOfBadRowIsRejectedVerbatimWithItsLineAndTheGoodRowsLoadOnce() throws IOException {
        String badUuidLike = "2,bob,not-a-date";
        String csv = "id,name,born\n1,ann,1990-01-01\n" + badUuidLike + "\n3,\"quoted\nacross lines\",1991-01-01\n"
                + "1,duplicate of 1,1992-01-01\n4,too,many,fields\n5,\"unclosed after\"x,1993-01-01\n6,fine,1994-01-01\n";
        Path file = Files.writeString(dir.resolve("bad.csv"), csv);
        Importer.Result r = load(file, 10, Importer.Method.COPY, null);
        assertThat(r.rowsLoaded()).isEqualTo(3);
        assertThat(r.rowsRejected()).isEqualTo(4);
        assertThat(people()).extracting(s -> s.split("\\|")[0]).containsExactly("1", "3", "6");
        assertThat(Files.readString(dir.resolve("bad.csv.rejects")))
                .isEqualTo(badUuidLike + "\n1,duplicate of 1,1992-01-01\n4,too,many,fields\n5,\"unclosed after\"x,1993-01-01\n");
        List<String> log = Files.readAllLines(dir.resolve("bad.csv.rejects.log"));
        assertThat(log).hasSize(4);
        assertThat(log.get(0)).startsWith("line 3: ").contains("born", "not-a-date");
        assertThat(log.get(1)).startsWith("line 6: ").contains("duplicate key value violates unique constraint");
        assertThat(log.get(2)).startsWith("line 7: ").contains("4 fields, the header has 3");
        assertThat(log.get(3)).startsWith("line 8: ").contains("unexpected text after a quoted field");
    }

    @Test
    void oneRejectTooManyRollsEverythingBack() throws IOException {
        Path file = Files.writeString(dir.resolve("two-bad.csv"), "id,name\n1,a\n1,dup\nx,bad\n2,b\n");
        assertThatThrownBy(() -> load(file, 1, Importer.Method.COPY, null)).isInstanceOf(EtlException.class)
                .hasMessageContaining("more than --max-rejects 1").hasMessageContaining("nothing was loaded (rolled back)");
        assertThat(people()).isEmpty();
        Path one = Files.writeString(dir.resolve("one-bad.csv"), "id,name\n1,a\nx,bad\n");
        assertThatThrownBy(() -> load(one, 0, Importer.Method.COPY, null)).hasMessageContaining("line 3");
        assertThat(people()).isEmpty();
    }

    @Test
    void theThreeMethodsLoadTheSameRowsAndRejectTheSameOnes() throws IOException {
        String csv = "id,name,born\n1,a,2001-01-01\n2,b,bad\n3,c,\n1,dup,2001-01-01\n";
        for (Importer.Method method : Importer.Method.values()) {
            freshTable();
            Path file = Files.writeString(dir.resolve(method + ".csv"), csv);
            Importer.Result r = load(file, 5, method, null);
            assertThat(r.rowsLoaded()).as(method.name()).isEqualTo(2);
            assertThat(r.rowsRejected()).as(method.name()).isEqualTo(2);
            assertThat(people()).as(method.name()).containsExactly("1|a|2001-01-01|<null>|none", "3|c|<null>|<null>|none");
            assertThat(Files.readString(dir.resolve(method + ".csv.rejects"))).as(method.name())
                    .isEqualTo("2,b,bad\n1,dup,2001-01-01\n");
        }
    }

    @Test
    void jsonLinesMapNestedValuesIntoColumnsConvertAndFilter() throws IOException {
        Path file = Files.writeString(dir.resolve("chat.jsonl"), String.join("\n",
                "{\"type\":\"message\",\"data\":{\"id\":1,\"message\":\"hi \\\"there\\\"\",\"meta\":{\"a\":[1,2.50]}},\"ts\":0}",
                "{\"type\":\"join\",\"data\":{\"id\":2}}",
                "not json at all",
                "{\"type\":\"message\",\"data\":{\"id\":3,\"message\":null},\"ts\":86400.5}",
                "{\"type\":\"message\",\"data\":{\"id\":4,\"message\":\"bad time\"},\"ts\":\"soon\"}", ""));
        Importer.Result r = Importer.run(new FileSource(file), pool, "public.people", new Importer.Options(null,
                        List.of(new Importer.ColumnMappingSpec("id=data.id"), new Importer.ColumnMappingSpec("name=data.message"),
                                new Importer.ColumnMappingSpec("tags=data.meta"), new Importer.ColumnMappingSpec("born=ts:epoch")),
                        List.of("type=message"), Importer.Method.COPY, 5, dir, false), Importer.Progress.NONE);
        assertThat(r.format()).isEqualTo(Format.JSONL);
        assertThat(r.rowsLoaded()).isEqualTo(2);
        assertThat(r.rowsFiltered()).isEqualTo(1);
        assertThat(r.rowsRejected()).isEqualTo(2);
        assertThat(people()).containsExactly("1|hi \"there\"|1970-01-01|{\"a\": [1, 2.50]}|none", "3|<null>|1970-01-02|<null>|none");
        assertThat(Files.readAllLines(dir.resolve("chat.jsonl.rejects.log")))
                .satisfiesExactly(l -> assertThat(l).startsWith("line 3: not valid JSON"),
                        l -> assertThat(l).startsWith("line 5: column born: \"soon\" is not a number"));
    }

    @Test
    void jsonLinesWithoutAMappingNameTheColumnsByTheirKeys() throws IOException {
        Path file = Files.writeString(dir.resolve("p.ndjson"), "{\"id\":1,\"name\":\"a\",\"tags\":{\"x\":true}}\n"
                + "{\"id\":2}\n{\"id\":3,\"nickname\":\"c\"}\n");
        Importer.Result r = load(file, 1, Importer.Method.COPY, null);
        assertThat(r.rowsLoaded()).isEqualTo(2);
        assertThat(people()).containsExactly("1|a|<null>|{\"x\": true}|none", "2|<null>|<null>|<null>|none");
        assertThat(Files.readString(dir.resolve("p.ndjson.rejects.log"))).contains("line 3", "nickname");
    }

    @Test
    void gzipIsRecognisedFromTheBytesNotTheName() throws IOException {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
            gz.write("id,name\n1,zipped\n".getBytes(StandardCharsets.UTF_8));
        }
        Path file = Files.write(dir.resolve("named-plain.csv"), zipped.toByteArray());
        assertThat(load(file, 0, Importer.Method.COPY, null).rowsLoaded()).isEqualTo(1);
        assertThat(people()).containsExactly("1|zipped|<null>|<null>|none");
    }

    @Test
    void copyTextIsPassedThroughAndDecodedOnlyForInserts() throws IOException {
        String lines = "1\ttab\\there\t\\N\t\\N\tn1\n2\tback\\\\slash\t2000-01-01\t{\"k\": 1}\tn2\n";
        for (Importer.Method method : List.of(Importer.Method.COPY, Importer.Method.BATCH)) {
            freshTable();
            Path file = Files.writeString(dir.resolve("rows.copy"), lines);
            assertThat(load(file, 0, method, null).rowsLoaded()).as(method.name()).isEqualTo(2);
            assertThat(people()).as(method.name()).containsExactly("1|tab\there|<null>|<null>|n1", "2|back\\slash|2000-01-01|{\"k\": 1}|n2");
        }
    }

    @Test
    void aMissingTableOrColumnsThatDoNotMatchAreRefusedBeforeAnyDataMoves() throws IOException {
        Path file = Files.writeString(dir.resolve("wrong.csv"), "id,surname\n1,x\n");
        assertThatThrownBy(() -> load(file, 0, Importer.Method.COPY, null)).isInstanceOf(UsageException.class)
                .hasMessageContaining("[surname] is not in the table").hasMessageContaining("source columns: [id, surname]")
                .hasMessageContaining("table columns: [id, name, born, tags, note]").hasMessageNotContaining("\n");
        assertThatThrownBy(() -> Importer.run(new FileSource(file), pool, "public.nope",
                new Importer.Options(null, List.of(), List.of(), Importer.Method.COPY, 0, dir, false), Importer.Progress.NONE))
                .isInstanceOf(UsageException.class).hasMessageContaining("there is no table public.nope");
        Path hostile = Files.writeString(dir.resolve("hostile.csv"), "id,\"name\"\"); DROP TABLE people; --\"\n1,x\n");
        assertThatThrownBy(() -> load(hostile, 0, Importer.Method.COPY, null)).isInstanceOf(UsageException.class);
        assertThat(TestDatabase.count(MoveDatabase.NAME, "SELECT count(*) FROM public.people")).isZero();
    }
}
