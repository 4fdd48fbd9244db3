package org.etlworkshop.move;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariDataSource;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.etlworkshop.TestDatabase;

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

/**
 * What goes out comes back: random rows of every column type the warehouse and {@code app.*} use
 * (bigint, integer, uuid, text, jsonb, timestamptz), with NULLs, hostile text, jsonb strings, JSON
 * null beside SQL NULL, numbers with trailing zeros and huge exponents, nesting thousands deep and
 * timestamps from 4713 BC to 294276 AD and at ±infinity, exported in each format, gzip or not, and
 * imported back into an empty copy of the table, passed through and parsed: the same rows.
 */
class ExportImportRoundTripTest {
    private static final String COLUMNS = "(id bigint PRIMARY KEY, n integer, u uuid, t text, j jsonb, ts timestamptz)";
    private static HikariDataSource pool;

    /** One row as SQL text literals (null for SQL NULL), inserted with casts. */
    record Values(Integer n, UUID u, String t, String j, String ts) {
    }

    @BeforeContainer
    static void open() {
        pool = MoveDatabase.pool();
    }

    @AfterContainer
    static void close() {
        pool.close();
    }

    @Property(tries = 12)
    void everyFormatGzipOrNotImportsBackTheRowsItExported(@ForAll("rows") List<Values> rows) throws Exception {
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

    @Provide
    Arbitrary<List<Values>> rows() {
        Arbitrary<Integer> n = Arbitraries.integers().injectNull(0.2);
        Arbitrary<UUID> u = Arbitraries.randomValue(r -> new UUID(r.nextLong(), r.nextLong())).injectNull(0.2);
        return Combinators.combine(n, u, text().injectNull(0.2), json(), timestamp()).as(Values::new).list().ofMaxSize(12);
    }

    /** Text that breaks naive CSV, COPY text and JSON writers: quotes, separators, line breaks, backslashes, markers, emoji. */
    static Arbitrary<String> text() {
        Arbitrary<String> odd = Arbitraries.of("", " ", "\"", "\"\"", "a,b", "x\ny", "\r\n", "\r", "\t", "\\", "\\N", "\\.", "NULL",
                "null", "😀 emoji", "é", "{\"a\":1}", "'quoted'", "line\\nbreak", " leading and trailing ");
        Arbitrary<String> any = Arbitraries.strings().withCharRange('\u0001', '\ud7ff').withCharRange('\ue000', '\ufffd')
                .ofMaxLength(24);
        Arbitrary<String> mixed = Combinators.combine(odd, any, odd).as((a, b, c) -> a + b + c);
        return Arbitraries.oneOf(odd, any, mixed);
    }

    /** A jsonb value as JSON text, or null for SQL NULL; JSON null, strings and deep nesting included. */
    static Arbitrary<String> json() {
        Arbitrary<String> scalar = Arbitraries.oneOf(
                Arbitraries.just("null"), Arbitraries.of("true", "false"),
                text().map(s -> JsonNodeFactory.instance.textNode(s).toString()),
                Arbitraries.of("0", "-1", "1.50", "1e400", "-2.5E-300", "123456789012345678901234567890", "0.000001"),
                Arbitraries.integers().map(String::valueOf));
        Arbitrary<String> nested = Arbitraries.randomValue(r -> JsonText.of(randomTree(r, 4)));
        Arbitrary<String> deep = Arbitraries.integers().between(1_000, 6_000).map(depth ->
                "{\"k\":[".repeat(depth) + "\"bottom\"" + "]}".repeat(depth));
        return Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.just((String) null)),
                Tuple.of(4, scalar),
                Tuple.of(3, nested),
                Tuple.of(1, deep));
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
    static Arbitrary<String> timestamp() {
        Arbitrary<String> finite = Combinators.combine(Arbitraries.integers().between(1, 294_275), Arbitraries.integers().between(1, 12),
                Arbitraries.integers().between(1, 28), Arbitraries.integers().between(0, 86_399),
                Arbitraries.integers().between(0, 999_999), Arbitraries.of(false, true)).as((year, month, day, second, micros, bc) ->
                String.format("%04d-%02d-%02d %02d:%02d:%02d.%06d+00%s", bc ? Math.min(year, 4712) : year, month, day,
                        second / 3600, second / 60 % 60, second % 60, micros, bc ? " BC" : ""));
        return Arbitraries.oneOf(finite, Arbitraries.of("infinity", "-infinity", "4713-01-01 00:00:00+00 BC",
                "294276-12-31 23:59:59.999999+00", "1970-01-01 00:00:00+00")).injectNull(0.15);
    }
}
