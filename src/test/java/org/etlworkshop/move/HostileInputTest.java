package org.etlworkshop.move;

import com.zaxxer.hikari.HikariDataSource;
import org.etlworkshop.EtlException;
import org.etlworkshop.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Input that is wrong in the ways files really are: bytes that are not UTF-8, NUL bytes, JSON
 * nested thousands deep or with a key twice, no line breaks at all, a {@code \.} in the middle of
 * COPY text, a quote never closed. Each is a reject at its own line, or with {@code --max-rejects 0}
 * one line saying where; never a changed value, never a stack trace.
 */
class HostileInputTest {
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
        MoveDatabase.execute("DROP TABLE IF EXISTS public.hostile",
                "CREATE TABLE public.hostile (id int PRIMARY KEY, name text, doc jsonb)");
    }

    private Importer.Result load(Path file, long maxRejects) {
        return load(new FileSource(file), maxRejects, Importer.Options.DEFAULT_MAX_LINE_BYTES);
    }

    private Importer.Result load(Source source, long maxRejects, long maxLineBytes) {
        return Importer.run(source, pool, "public.hostile", new Importer.Options(null, List.of(), List.of(), Importer.Method.COPY,
                maxRejects, dir, false, 1, maxLineBytes), Importer.Progress.NONE);
    }

    private static List<String> rows() {
        return TestDatabase.rows(MoveDatabase.NAME, "SELECT id || '|' || coalesce(name, '<null>') || '|' || coalesce(doc::text, '<null>') "
                + "FROM public.hostile ORDER BY id");
    }

    private Path write(String name, byte[]... parts) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.write(part);
        }
        return Files.write(dir.resolve(name), out.toByteArray());
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private List<String> log(String source) throws IOException {
        return Files.readAllLines(dir.resolve(source + ".rejects.log"));
    }

    @Test
    void invalidUtf8IsARejectAtItsLineNeverAReplacementCharacter() throws IOException {
        byte[] bad = {'b', 'a', 'd', (byte) 0xff, (byte) 0xc3, '('};
        Path csv = write("bad-utf8.csv", text("id,name\n1,fine\n2,"), bad, text("\n3,é and 😀\n"));
        Importer.Result r = load(csv, 5);
        assertThat(r.rowsRejected()).isEqualTo(1);
        assertThat(rows()).containsExactly("1|fine|<null>", "3|é and 😀|<null>");
        assertThat(log("bad-utf8.csv")).singleElement().asString().startsWith("line 3: not valid UTF-8");
        assertThat(Files.readAllBytes(dir.resolve("bad-utf8.csv.rejects"))).isEqualTo(concat(text("2,"), bad, text("\n")));

        freshTable();
        Path jsonl = write("bad-utf8.jsonl", text("{\"id\":1,\"name\":\"fine\"}\n{\"id\":2,\"name\":\""), bad, text("\"}\n"));
        assertThat(load(jsonl, 5).rowsRejected()).isEqualTo(1);
        assertThat(rows()).containsExactly("1|fine|<null>");
        assertThat(log("bad-utf8.jsonl")).singleElement().asString().startsWith("line 2: not valid UTF-8");

        freshTable();
        Path copy = write("bad-utf8.copy", text("1\tfine\t\\N\n2\t"), bad, text("\t\\N\n"));
        assertThat(load(copy, 5).rowsRejected()).isEqualTo(1);
        assertThat(rows()).containsExactly("1|fine|<null>");

        freshTable(); // no rejects allowed: the server parses it all, and says where
        assertThatThrownBy(() -> load(csv, 0)).isInstanceOf(EtlException.class).hasMessageContaining("line 3")
                .hasMessageContaining("nothing was loaded");
        assertThatThrownBy(() -> load(jsonl, 0)).isInstanceOf(EtlException.class).hasMessageContaining("line 2 was rejected (not valid UTF-8");
        assertThat(rows()).isEmpty();
    }

    @Test
    void aNulByteIsARejectAtItsOwnLine() throws IOException {
        StringBuilder csv = new StringBuilder("id,name\n");
        StringBuilder jsonl = new StringBuilder();
        for (int i = 1; i <= 10; i++) {
            csv.append(i).append(',').append(i == 5 ? "nul\0here" : "row " + i).append('\n');
            jsonl.append("{\"id\":").append(i).append(",\"name\":\"").append(i == 5 ? "nul\\u0000here" : "row " + i).append("\"}\n");
        }
        Importer.Result fromCsv = load(write("nul.csv", text(csv.toString())), 10);
        assertThat(fromCsv.rowsLoaded()).isEqualTo(9);
        assertThat(log("nul.csv")).singleElement().asString().startsWith("line 6: ").contains("NUL");

        freshTable();
        Importer.Result fromJson = load(write("nul.jsonl", text(jsonl.toString())), 10);
        assertThat(fromJson.rowsLoaded()).isEqualTo(9);
        assertThat(log("nul.jsonl")).singleElement().asString().startsWith("line 5: ").contains("NUL");
        assertThat(rows()).hasSize(9).noneMatch(row -> row.contains("here"));

        freshTable();
        assertThatThrownBy(() -> load(dir.resolve("nul.jsonl"), 0)).isInstanceOf(EtlException.class).hasMessageContaining("line 5");
        assertThatThrownBy(() -> load(dir.resolve("nul.csv"), 0)).isInstanceOf(EtlException.class).hasMessageContaining("line 6");
    }

    @Test
    void jsonNestedThousandsDeepLoadsExactlyAndDeeperThanAnyServerIsARejectInPlainWords() throws IOException {
        String deep = "[".repeat(5_000) + "\"bottom\"" + "]".repeat(5_000);
        String tooDeep = "{\"a\":".repeat(JsonLinesReader.MAX_DEPTH + 1) + "1" + "}".repeat(JsonLinesReader.MAX_DEPTH + 1);
        Path jsonl = write("deep.jsonl", text("{\"id\":1,\"doc\":{\"shallow\":true}}\n{\"id\":2,\"doc\":" + deep + "}\n{\"id\":3}\n"
                + "{\"id\":4,\"doc\":" + tooDeep + "}\n{\"id\":5,\"doc\":[]}\n"));
        Importer.Result r = load(jsonl, 3);
        assertThat(r.rowsLoaded()).isEqualTo(4);
        assertThat(TestDatabase.count(MoveDatabase.NAME, "SELECT count(*) FROM public.hostile WHERE id = 2 AND doc = '" + deep + "'::jsonb"))
                .isEqualTo(1);
        assertThat(log("deep.jsonl")).singleElement().asString().startsWith("line 4: JSON nested deeper than 100,000 levels")
                .doesNotContain("jackson").doesNotContain("Constraints");

        freshTable();
        assertThatThrownBy(() -> load(jsonl, 0)).isInstanceOf(EtlException.class).hasMessageContaining("line 4")
                .hasMessageNotContaining("com.fasterxml");
        assertThat(rows()).isEmpty();
    }

    @Test
    void aKeyTwiceOrTextAfterTheObjectIsARejectNotTheLastValue() throws IOException {
        Path jsonl = write("dup.jsonl", text("{\"id\":1,\"name\":\"a\"}\n{\"id\":2,\"name\":\"first\",\"name\":\"second\"}\n"
                + "{\"id\":3,\"doc\":{\"k\":1,\"k\":2}}\n{\"id\":4,\"name\":\"d\"} trailing\n{\"id\":5,\"name\":\"e\"}\n"));
        Importer.Result r = load(jsonl, 5);
        assertThat(rows()).containsExactly("1|a|<null>", "5|e|<null>");
        assertThat(r.rowsRejected()).isEqualTo(3);
        assertThat(log("dup.jsonl")).satisfiesExactly(
                l -> assertThat(l).startsWith("line 2: ").contains("Duplicate field 'name'"),
                l -> assertThat(l).startsWith("line 3: ").contains("Duplicate field 'k'"),
                l -> assertThat(l).startsWith("line 4: ").contains("not valid JSON"));
    }

    /** A stream of one byte over and over, without a line break: {@code etl import - t < /dev/zero}. */
    private static Source endless(String prefix, long bytes, String suffix) {
        return new Source() {
            @Override
            public InputStream open() {
                return new InputStream() {
                    private final byte[] head = text(prefix), tail = text(suffix);
                    private long at;

                    @Override
                    public int read() {
                        long i = at++;
                        if (i < head.length) {
                            return head[(int) i];
                        }
                        if (i < head.length + bytes) {
                            return 'z';
                        }
                        long t = i - head.length - bytes;
                        return t < tail.length ? tail[(int) t] : -1;
                    }

                    @Override
                    public int read(byte[] b, int off, int len) {
                        int n = 0;
                        while (n < len) {
                            int c = read();
                            if (c < 0) {
                                return n == 0 ? -1 : n;
                            }
                            b[off + n++] = (byte) c;
                        }
                        return n;
                    }
                };
            }

            @Override
            public OptionalLong size() {
                return OptionalLong.empty();
            }

            @Override
            public String fileName() {
                return "stdin";
            }

            @Override
            public String describe() {
                return "standard input";
            }
        };
    }

    @Test
    void inputWithoutLineBreaksHoldsAtMostMaxLineBytes() throws IOException {
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            // no rejects: the header never ends, and the import says so once it passes the limit, having held no more
            assertThatThrownBy(() -> load(endless("", Long.MAX_VALUE / 2, ""), 0, 1 << 20)).isInstanceOf(RuntimeException.class)
                    .hasMessageContaining("longer than --max-line-bytes 1,048,576");
            // and so does every reader, parsing, as soon as a line passes the limit: it cannot end
            assertThatThrownBy(() -> load(endless("", Long.MAX_VALUE / 2, ""), 5, 1 << 20)).isInstanceOf(RuntimeException.class)
                    .hasMessageContaining("longer than --max-line-bytes 1,048,576");
            for (Format format : List.of(Format.JSONL, Format.TEXT)) {
                assertThatThrownBy(() -> Importer.run(endless("", Long.MAX_VALUE / 2, ""), pool, "public.hostile",
                        new Importer.Options(format, List.of(), List.of(), Importer.Method.COPY, 0, dir, false, 1, 1 << 20),
                        Importer.Progress.NONE)).as(format.name()).hasMessageContaining("longer than --max-line-bytes 1,048,576");
            }
            // rejects allowed: the long line is one reject (its first MiB kept) and the lines around it load
            Importer.Result r = load(endless("id,name\n1,before\n2,", 64L << 20, "\n3,after\n"), 5, 1 << 20);
            assertThat(r.rowsLoaded()).isEqualTo(2);
            assertThat(log("stdin")).singleElement().asString().startsWith("line 3: the record is longer than --max-line-bytes");
            assertThat(Files.size(dir.resolve("stdin.rejects"))).isEqualTo((1 << 20) + 1);
            freshTable();
            Importer.Result json = Importer.run(endless("{\"id\":1}\n{\"id\":2,\"name\":\"", 64L << 20, "\"}\n{\"id\":3}\n"), pool,
                    "public.hostile", new Importer.Options(Format.JSONL, List.of(), List.of(), Importer.Method.COPY, 5, dir,
                            false, 1, 1 << 20), Importer.Progress.NONE);
            assertThat(json.rowsLoaded()).isEqualTo(2);
        });
        assertThat(rows()).containsExactly("1|<null>|<null>", "3|<null>|<null>");
    }

    @Test
    void aRecordPastTheLimitIsCutThereAndTheLinesAfterItKeepTheirNumbers() throws IOException {
        Path csv = write("long.csv", text("id,name\n1,a\n2,\"" + "x".repeat(5_000) + "\"\n3,b,extra\n4,d\n"));
        Importer.Result r = load(new FileSource(csv), 5, 4_096);
        assertThat(r.rowsLoaded()).isEqualTo(2);
        assertThat(log("long.csv")).satisfiesExactly(
                l -> assertThat(l).startsWith("line 3: the record is longer than --max-line-bytes 4,096"),
                l -> assertThat(l).isEqualTo("line 4: 3 fields, the header has 2"));
        assertThat(Files.size(dir.resolve("long.csv.rejects"))).isEqualTo(4_096 + 1 + "3,b,extra\n".length());
    }

    @Test
    void aCopyTextEndMarkerBeforeTheLastLineStopsTheImportInsteadOfDroppingTheRest() throws IOException {
        StringBuilder lines = new StringBuilder();
        for (int i = 1; i <= 30_000; i++) {
            lines.append(i).append("\trow ").append(i).append("\t\\N\n");
            if (i == 5) {
                lines.append("\\.\n");
            }
        }
        Path copy = write("marker.copy", text(lines.toString()));
        for (long maxRejects : List.of(0L, 5L)) { // passed through to the server, and parsed here
            assertThatThrownBy(() -> load(copy, maxRejects)).as("--max-rejects " + maxRejects).isInstanceOf(EtlException.class)
                    .hasMessageContaining("line 6 is \\. (COPY's end-of-data marker) but more lines follow it")
                    .hasMessageContaining("nothing was loaded");
            assertThat(rows()).isEmpty();
        }
        Path last = write("last.copy", text("1\ta\t\\N\n2\tb\t\\N\n\\.\n"));
        for (long maxRejects : List.of(0L, 5L)) {
            freshTable();
            assertThat(load(last, maxRejects).rowsLoaded()).as("--max-rejects " + maxRejects).isEqualTo(2);
            assertThat(rows()).containsExactly("1|a|<null>", "2|b|<null>");
        }
    }

    @Test
    void anUnterminatedQuoteIsReportedAtTheLineWhereItOpens() throws IOException {
        Path csv = write("open.csv", text("id,name\n1,a\n2,\"never closed\n3,c\n4,d\n"));
        assertThatThrownBy(() -> load(csv, 0)).isInstanceOf(EtlException.class).hasMessageContaining("line 3")
                .hasMessageNotContaining("line 6").hasMessageNotContaining("line 7");
        Importer.Result r = load(csv, 5);
        assertThat(r.rowsLoaded()).isEqualTo(1);
        assertThat(log("open.csv")).singleElement().asString()
                .isEqualTo("line 3: a quoted field opened on line 3 is not closed before the end of the input");
    }

    @Test
    void aRowOverSeveralLinesIsOneRowAndErrorsAreToldAtTheSourcesLine() throws IOException {
        // the server numbers rows, not lines: a quoted CSV line break, or a COPY-text backslash before one, makes a row of two lines
        Path csv = write("rows.csv", text("id,name\n1,\"two\nlines\"\n2,x\nbad,y\n"));
        assertThatThrownBy(() -> load(csv, 0)).isInstanceOf(EtlException.class).hasMessageContaining("line 5");
        Path copy = write("rows.copy", text("1\ttwo\\\nlines\t\\N\n2\tx\t\\N\nbad\ty\t\\N\n"));
        assertThatThrownBy(() -> load(copy, 0)).isInstanceOf(EtlException.class).hasMessageContaining("line 4");
        for (long maxRejects : List.of(0L, 5L)) {
            freshTable();
            Path good = write("good.copy", text("1\ttwo\\\nlines\t\\N\n2\tx\t\\N\n"));
            assertThat(load(good, maxRejects).rowsLoaded()).isEqualTo(2);
            assertThat(rows()).containsExactly("1|two\nlines|<null>", "2|x|<null>");
        }
        freshTable();
        Importer.Result r = load(copy, 5);
        assertThat(r.rowsRejected()).isEqualTo(1);
        assertThat(log("rows.copy")).singleElement().asString().startsWith("line 4: ");
    }

    @Test
    void aCleanRerunRemovesTheRejectsOfTheRunBeforeIt() throws IOException {
        Path csv = write("rerun.csv", text("id,name\n1,a\nx,bad\n"));
        assertThat(load(csv, 5).rowsRejected()).isEqualTo(1);
        assertThat(dir.resolve("rerun.csv.rejects")).exists();
        freshTable();
        Files.writeString(csv, "id,name\n1,a\n2,fixed\n");
        Importer.Result clean = load(csv, 5);
        assertThat(clean.rowsRejected()).isZero();
        assertThat(dir.resolve("rerun.csv.rejects")).doesNotExist();
        assertThat(dir.resolve("rerun.csv.rejects.log")).doesNotExist();
    }

    @Test
    void jsonLinesKeepsAJsonbValuesTypeAndTellsJsonNullFromSqlNull() throws IOException {
        Path jsonl = write("types.jsonl", text("{\"id\":1,\"doc\":\"a string\"}\n{\"id\":2,\"doc\":null}\n{\"id\":3}\n"
                + "{\"id\":4,\"doc\":1.50}\n{\"id\":5,\"doc\":[\"x\",{\"y\":null}]}\n{\"id\":6,\"doc\":true}\n"));
        assertThat(load(jsonl, 0).rowsLoaded()).isEqualTo(6);
        assertThat(TestDatabase.rows(MoveDatabase.NAME, "SELECT id || ' ' || coalesce(jsonb_typeof(doc), 'SQL NULL') || ' ' "
                + "|| coalesce(doc::text, '') FROM public.hostile ORDER BY id")).containsExactly("1 string \"a string\"",
                "2 null null", "3 SQL NULL ", "4 number 1.50", "5 array [\"x\", {\"y\": null}]", "6 boolean true");
    }

    private static byte[] concat(byte[]... parts) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.write(part);
        }
        return out.toByteArray();
    }
}
