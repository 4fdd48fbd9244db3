package org.etlworkshop.move;

import com.zaxxer.hikari.HikariDataSource;
import org.etlworkshop.EtlException;
import org.etlworkshop.TestDatabase;
import org.etlworkshop.UsageException;
import org.etlworkshop.db.Pools;
import org.etlworkshop.db.TwoPhaseCommit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * etl import --workers where the server parses: the source cut at row boundaries over several COPY connections
 * loads exactly what one connection loads, a bad row is reported at its source line, and nothing is kept of a
 * failed import.
 */
class ParallelCopyTest {
    /** Texts that test the cut: separators, quotes, both newlines, backslashes, a lone backslash before a newline. */
    private static final List<String> HOSTILE = List.of("plain", "a,b", "\"quoted\"", "two\nlines", "crlf\r\nend", "tab\there",
            "back\\slash", "ends with \\", "\\N", "\u00e9t\u00e9 \ud83d\ude00", "", " ");
    private static HikariDataSource pool;

    @TempDir
    Path dir;

    @BeforeAll
    static void open() throws Exception {
        MoveDatabase.create();
        pool = Pools.open(TestDatabase.server().database(MoveDatabase.NAME), 6, Map.of("stringtype", "unspecified"));
        try (Connection c = pool.getConnection()) {
            TwoPhaseCommit.recover(c, Importer.PREPARED_PREFIX);
        }
    }

    @AfterAll
    static void close() {
        pool.close();
    }

    @BeforeEach
    void freshTable() {
        MoveDatabase.execute("DROP TABLE IF EXISTS public.parts", "CREATE TABLE public.parts (id int PRIMARY KEY, name text, note text)");
    }

    private static String text(Random random) {
        StringBuilder s = new StringBuilder();
        for (int i = random.nextInt(4); i > 0; i--) {
            s.append(HOSTILE.get(random.nextInt(HOSTILE.size())));
        }
        return s.toString();
    }

    private static String csvField(String value) {
        return value.isEmpty() ? "\"\"" : "\"" + value.replace("\"", "\"\"") + "\"";
    }

    private static String textField(String value) {
        return value.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t");
    }

    /** Rows as CSV (header first) or COPY text; {@code ends} gets the offset after every row. */
    private static byte[] serialize(List<String[]> rows, Format format, List<Integer> ends) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (format == Format.CSV) {
            out.writeBytes("id,name,note\n".getBytes(StandardCharsets.UTF_8));
        }
        int header = out.size();
        for (String[] row : rows) {
            String line = format == Format.CSV ? row[0] + "," + csvField(row[1]) + "," + csvField(row[2]) + "\n"
                    : row[0] + "\t" + textField(row[1]) + "\t" + textField(row[2]) + "\n";
            out.writeBytes(line.getBytes(StandardCharsets.UTF_8));
            ends.add(out.size() - header);
        }
        return out.toByteArray();
    }

    private static List<String[]> rows(Random random, int count) {
        List<String[]> rows = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            rows.add(new String[] {Integer.toString(i), text(random), text(random)});
        }
        return rows;
    }

    @Test
    void blocksEndOnlyWhereRowsEndAndHoldEveryByteOnce() throws IOException {
        long seed = Long.getLong("etl.seed", System.nanoTime());
        Random random = new Random(seed);
        for (int round = 0; round < 200; round++) {
            Format format = random.nextBoolean() ? Format.CSV : Format.TEXT;
            List<Integer> ends = new ArrayList<>();
            byte[] all = serialize(rows(random, random.nextInt(40)), format, ends);
            byte[] body = format == Format.CSV ? java.util.Arrays.copyOfRange(all, "id,name,note\n".length(), all.length) : all;
            int size = 1 + random.nextInt(80);
            String about = "seed " + seed + " (replay: -Detl.seed=" + seed + "), round " + round + ", " + format + ", blocks of " + size;
            RowBlocks blocks = new RowBlocks(new ByteArrayInputStream(body), format, size);
            ByteArrayOutputStream joined = new ByteArrayOutputStream();
            Set<Integer> rowEnds = new HashSet<>(ends);
            long rows = 0;
            for (RowBlocks.Block block = blocks.next(); block != null; block = blocks.next()) {
                assertThat(block.firstRow()).as(about).isEqualTo(rows + 1);
                joined.write(block.bytes(), 0, block.length());
                rows += block.rows();
                assertThat(rowEnds).as(about + ": a block ends where a row ends").contains(joined.size());
                long newlines = new String(block.bytes(), 0, block.length(), StandardCharsets.UTF_8).chars().filter(c -> c == '\n').count();
                assertThat(block.lines()).as(about + ": the lines the server counts").isEqualTo(format == Format.CSV ? newlines : block.rows());
            }
            assertThat(joined.toByteArray()).as(about).isEqualTo(body);
            assertThat(rows).as(about).isEqualTo(ends.size());
        }
    }

    @Test
    void aRowThatNeverEndsIsRefusedOnceABlockReachesItsMostNotReadWhole() throws IOException {
        // An unterminated quote, and lines ending in a bare CR: no row end in sight, however long the source.
        byte[][] sources = {
                ("1,ok\n2,\"open" + "x".repeat(10_000)).getBytes(StandardCharsets.UTF_8),
                "1,a\r2,b\r".repeat(2_000).getBytes(StandardCharsets.UTF_8)};
        for (byte[] source : sources) {
            int[] read = {0};
            ByteArrayInputStream counted = new ByteArrayInputStream(source) {
                @Override
                public synchronized int read(byte[] b, int off, int len) {
                    int n = super.read(b, off, len);
                    read[0] += Math.max(0, n);
                    return n;
                }
            };
            RowBlocks blocks = new RowBlocks(counted, Format.CSV, 64, 1024);
            long[] handedOn = {0};
            assertThatThrownBy(() -> {
                for (RowBlocks.Block block = blocks.next(); block != null; block = blocks.next()) {
                    assertThat(block.length()).isLessThanOrEqualTo(1024);
                    handedOn[0] += block.length();
                }
            }).isInstanceOf(UsageException.class).hasMessageContaining("no row ends within 1024 bytes after row")
                    .hasMessageContaining("import it without --workers");
            assertThat(read[0] - handedOn[0]).as("held no more than the most a block holds").isLessThanOrEqualTo(1024);
            assertThat(read[0]).as("stopped reading long before the end").isLessThan(source.length / 4);
        }
    }

    private Importer.Result load(byte[] source, Format format, int workers) throws IOException {
        Path file = Files.write(dir.resolve("parts." + (format == Format.CSV ? "csv" : "copy")), source);
        return Importer.run(new FileSource(file), pool, "public.parts", new Importer.Options(format, List.of(), List.of(),
                Importer.Method.COPY, 0, dir, false, workers), Importer.Progress.NONE);
    }

    private static List<String> parts() {
        return TestDatabase.rows(MoveDatabase.NAME, "SELECT concat_ws('|', id, name, note) FROM public.parts ORDER BY id");
    }

    private static long prepared() {
        return TestDatabase.count(MoveDatabase.NAME, "SELECT count(*) FROM pg_prepared_xacts WHERE gid LIKE 'etl-import-%'");
    }

    @Test
    void severalConnectionsLoadWhatOneLoads() throws IOException {
        long seed = Long.getLong("etl.seed", System.nanoTime());
        Random random = new Random(seed);
        List<String[]> rows = rows(random, 60_000); // a few MiB: several blocks for every connection
        for (Format format : List.of(Format.CSV, Format.TEXT)) {
            byte[] source = serialize(rows, format, new ArrayList<>());
            freshTable();
            assertThat(load(source, format, 1).rowsLoaded()).isEqualTo(rows.size());
            List<String> byOne = parts();
            int workers = 2 + random.nextInt(3);
            freshTable();
            Importer.Result parallel = load(source, format, workers);
            assertThat(parallel.rowsLoaded()).as("seed %d, %s, %d workers", seed, format, workers).isEqualTo(rows.size());
            assertThat(parts()).as("seed %d, %s, %d workers", seed, format, workers).isEqualTo(byOne);
            assertThat(prepared()).isZero();
        }
    }

    @Test
    void aBadRowFailsTheImportAtItsSourceLineAndNothingIsKept() throws IOException {
        List<String[]> rows = rows(new Random(7), 60_000);
        rows.get(45_000)[0] = "not a number";
        List<Integer> ends = new ArrayList<>();
        byte[] source = serialize(rows, Format.CSV, ends);
        // The server counts lines, not rows: a quoted newline starts one; the header is line 1.
        int start = "id,name,note\n".length() + ends.get(44_999);
        long line = 1 + new String(source, 0, start, StandardCharsets.UTF_8).chars().filter(c -> c == '\n').count();
        assertThat(line).as("the hostile texts put newlines in quoted fields").isGreaterThan(45_002);
        String one = messageOf(source, 1);
        assertThat(one).contains("line " + line + ",");
        String three = messageOf(source, 3);
        assertThat(three).contains("invalid input syntax for type integer").contains("line " + line + ",").contains("nothing was loaded");
        assertThat(parts()).isEmpty();
        assertThat(prepared()).as("no prepared transaction is left behind").isZero();
    }

    private String messageOf(byte[] source, int workers) {
        freshTable();
        try {
            load(source, Format.CSV, workers);
        } catch (EtlException e) {
            return e.getMessage();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        throw new AssertionError("the import should have failed");
    }

    @Test
    void aDuplicateKeyInTwoConnectionsFailsAsADuplicateAndNothingIsKept() throws IOException {
        List<String[]> rows = rows(new Random(11), 60_000);
        rows.get(59_000)[0] = "1"; // far from row 1: another block, another connection
        String message = messageOf(serialize(rows, Format.CSV, new ArrayList<>()), 2);
        assertThat(message).contains("duplicate key").contains("nothing was loaded");
        assertThat(parts()).isEmpty();
        assertThat(prepared()).isZero();
    }
}
