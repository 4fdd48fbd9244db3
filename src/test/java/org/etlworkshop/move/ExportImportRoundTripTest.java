package org.etlworkshop.move;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariDataSource;
import org.etlworkshop.Gens;
import org.etlworkshop.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

/**
 * What goes out comes back: random rows of every column type the warehouse and {@code app.*} use
 * (bigint, integer, uuid, text, jsonb, timestamptz), with NULLs, hostile text, jsonb strings, JSON
 * null beside SQL NULL, numbers with trailing zeros and huge exponents, nesting thousands deep and
 * timestamps from 4713 BC to 294276 AD and at ±infinity, exported in each format, gzip or not, and
 * imported back into an empty copy of the table, passed through and parsed: the same rows.
 *
 * <p>A QuickTheories property of 12 tries (each is 10 exports and imports); its first three are the
 * simplest, smallest and largest rows, the rest random. A failure shows the rows and the seed
 * ({@code -DQT_SEED=} replays it); shrinking is bounded to a few more round trips.
 */
class ExportImportRoundTripTest {
    private static final String COLUMNS = "(id bigint PRIMARY KEY, n integer, u uuid, t text, j jsonb, ts timestamptz)";
    private static HikariDataSource pool;

    /** One row as SQL text literals (null for SQL NULL), inserted with casts. */
    record Values(Integer n, UUID u, String t, String j, String ts) {
    }

    @BeforeAll
    static void open() {
        pool = MoveDatabase.pool();
    }

    @AfterAll
    static void close() {
        pool.close();
    }

    @Test
    void everyFormatGzipOrNotImportsBackTheRowsItExported() {
        qt().withExamples(12).withShrinkCycles(10).forAll(rows()).checkAssert(rows -> {
            try {
                roundTrip(rows);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }

    private static void roundTrip(List<Values> rows) throws Exception {
        MoveDatabase.execute("DROP TABLE IF EXISTS public.rt_out", "CREATE TABLE public.rt_out " + COLUMNS);
        insert(rows);
        List<String> out = contents("public.rt_out");
        Path dir = Files.createTempDirectory("round-trip");
        try {
            for (Format format : Format.values()) {
                for (boolean gzip : List.of(false, true)) {
                    Path file = dir.resolve("rows-" + format + (gzip ? ".gz" : ""));
                    Exporter.Result exported = Exporter.run(pool, "public.rt_out", null, format, gzip,
                            Destination.of(file.toString(), null), Importer.Progress.NONE);
                    assertThat(exported.rows()).isEqualTo(rows.size());
                    // 0 rejects: CSV, COPY text and binary go to the server untouched; 1: CSV, JSON Lines and COPY text are parsed here
                    for (long maxRejects : format == Format.BINARY ? List.of(0L) : List.of(0L, 1L)) {
                        String what = format + (gzip ? " gzip" : "") + " --max-rejects " + maxRejects;
                        MoveDatabase.execute("DROP TABLE IF EXISTS public.rt_in", "CREATE TABLE public.rt_in " + COLUMNS);
                        Importer.Result imported = Importer.run(new FileSource(file), pool, "public.rt_in",
                                new Importer.Options(format, List.of(), List.of(), Importer.Method.COPY, maxRejects,
                                        dir, false), Importer.Progress.NONE);
                        assertThat(imported.rowsRejected()).as(what).isZero();
                        assertThat(contents("public.rt_in")).as(what).isEqualTo(out);
                    }
                }
            }
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(dir);
        }
    }

    /** Each row as the server prints it, jsonb's type included: a JSON string and JSON null print apart from SQL NULL. */
    private static List<String> contents(String table) {
        return TestDatabase.rows(MoveDatabase.NAME, "SELECT t::text || ' ' || coalesce(jsonb_typeof(t.j), 'SQL NULL') FROM "
                + table + " t ORDER BY id");
    }

    private static void insert(List<Values> rows) throws SQLException {
        try (Connection c = pool.getConnection(); PreparedStatement insert = c.prepareStatement(
                "INSERT INTO public.rt_out VALUES (?, ?::integer, ?::uuid, ?, ?::jsonb, ?::timestamptz)")) {
            long id = new Random(rows.size()).nextLong() / 2;
            for (Values row : rows) {
                insert.setLong(1, id++);
                insert.setString(2, row.n() == null ? null : row.n().toString());
                insert.setString(3, row.u() == null ? null : row.u().toString());
                insert.setString(4, row.t());
                insert.setString(5, row.j());
                insert.setString(6, row.ts());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    static Gen<List<Values>> rows() {
        Gen<Integer> n = Gens.orNull(Gens.withEdges(integers().all(), 0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE), 20);
        Gen<UUID> u = Gens.orNull(longs().all().zip(longs().all(), UUID::new), 20);
        return lists().of(n.zip(u, Gens.orNull(text(), 20), json(), timestamp(), Values::new)).ofSizeBetween(0, 12);
    }

    /** Text that breaks naive CSV, COPY text and JSON writers: quotes, separators, line breaks, backslashes, markers, emoji. */
    static Gen<String> text() {
        Gen<String> odd = Generate.pick(List.of("", " ", "\"", "\"\"", "a,b", "x\ny", "\r\n", "\r", "\t", "\\", "\\N", "\\.", "NULL",
                "null", "😀 emoji", "é", "{\"a\":1}", "'quoted'", "line\\nbreak", " leading and trailing "));
        // any char of U+0001..U+D7FF and U+E000..U+FFFD, evenly: the second range follows the first
        Gen<Character> anyChar = integers().between(1, 0xd7ff + 0xfffd - 0xe000 + 1)
                .map(k -> (char) (k <= 0xd7ff ? k : k - 0xd800 + 0xe000));
        Gen<String> any = lists().of(Gens.withEdges(anyChar, '\u0001', '\ud7ff', '\ue000', '\ufffd')).ofSizeBetween(0, 24)
                .map(chars -> chars.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining()));
        Gen<String> mixed = odd.zip(any, odd, (a, b, c) -> a + b + c);
        return Generate.oneOf(odd, any, mixed);
    }

    /** A jsonb value as JSON text, or null for SQL NULL; JSON null, strings and deep nesting included. */
    static Gen<String> json() {
        Gen<String> scalar = Generate.oneOf(
                Generate.constant("null"), Generate.pick(List.of("true", "false")),
                text().map(s -> JsonNodeFactory.instance.textNode(s).toString()),
                Generate.pick(List.of("0", "-1", "1.50", "1e400", "-2.5E-300", "123456789012345678901234567890", "0.000001")),
                Gens.withEdges(integers().all(), Integer.MIN_VALUE, Integer.MAX_VALUE).map(i -> Integer.toString(i)));
        Gen<String> nested = Gens.fromRandom(r -> JsonText.of(randomTree(r, 4)));
        Gen<String> deep = Gens.withEdges(integers().between(1_000, 6_000), 1_000, 6_000).map(depth ->
                "{\"k\":[".repeat(depth) + "\"bottom\"" + "]}".repeat(depth));
        Gen<String> sqlNull = in -> null;
        return Generate.frequency(List.of(
                Pair.of(2, sqlNull),
                Pair.of(4, scalar),
                Pair.of(3, nested),
                Pair.of(1, deep)));
    }

    private static JsonNode randomTree(Random r, int depth) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        int kind = depth == 0 ? r.nextInt(4) : r.nextInt(6);
        return switch (kind) {
            case 0 -> f.nullNode();
            case 1 -> f.textNode(randomText(r));
            case 2 -> f.numberNode(new BigDecimal(BigInteger.valueOf(r.nextLong()), r.nextInt(8)));
            case 3 -> f.booleanNode(r.nextBoolean());
            case 4 -> {
                ArrayNode array = f.arrayNode();
                for (int i = r.nextInt(4); i > 0; i--) {
                    array.add(randomTree(r, depth - 1));
                }
                yield array;
            }
            default -> {
                ObjectNode object = f.objectNode();
                for (int i = r.nextInt(4); i > 0; i--) {
                    object.set(randomText(r), randomTree(r, depth - 1));
                }
                yield object;
            }
        };
    }

    private static final String[] ODD = {"", "\"", "a,b", "x\ny", "\r\n", "\t", "\\", "\\N", "\\.", "😀", "é", "null"};

    private static String randomText(Random r) {
        StringBuilder text = new StringBuilder(ODD[r.nextInt(ODD.length)]);
        for (int i = r.nextInt(6); i > 0; i--) {
            int c = 1 + r.nextInt(0xd7ff);
            text.append((char) c);
        }
        return text.append(ODD[r.nextInt(ODD.length)]).toString();
    }

    /** timestamptz anywhere in its range, to the microsecond, BC included, and ±infinity. */
    static Gen<String> timestamp() {
        Gen<int[]> date = integers().between(1, 294_275).zip(integers().between(1, 12), integers().between(1, 28),
                (year, month, day) -> new int[]{year, month, day});
        Gen<String> finite = date.zip(integers().between(0, 86_399), integers().between(0, 999_999), booleans().all(),
                (ymd, second, micros, bc) -> String.format("%04d-%02d-%02d %02d:%02d:%02d.%06d+00%s",
                        bc ? Math.min(ymd[0], 4712) : ymd[0], ymd[1], ymd[2],
                        second / 3600, second / 60 % 60, second % 60, micros, bc ? " BC" : ""));
        return Gens.orNull(Generate.oneOf(finite, Generate.pick(List.of("infinity", "-infinity", "4713-01-01 00:00:00+00 BC",
                "294276-12-31 23:59:59.999999+00", "1970-01-01 00:00:00+00"))), 15);
    }
}
