package org.etlworkshop.move;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.zaxxer.hikari.HikariDataSource;
import org.etlworkshop.TestDatabase;
import org.etlworkshop.TestMariaDb;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The "done when": a MariaDB table with a column of every mapped type, filled with seeded
 * random values and the edge values (the extremes of each integer, unsigned and 65-digit decimals,
 * floats by their bits, a TIME of minus and over 24 hours, 4-byte characters and latin1, a Julian-era
 * date, NULL in every column), moved with {@code --create-table}, and the PostgreSQL copy compared
 * with the generated values one by one. A failure names the seed: replay it with {@code -Detl.seed=N}.
 */
class MariaDbEveryTypeTest {
    private static final String DATABASE = "etl_every_type";
    private static final String TABLE = "mariadb_test.every_type";
    private static final int RANDOM_ROWS = 400;
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final DateTimeFormatter WALL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    private static String url;
    private static HikariDataSource postgres;

    @TempDir
    Path rejects;

    /**
     * A column: its MySQL type, the PostgreSQL type the type table gives it, a random value, its edge
     * values, how a value is bound in MySQL's INSERT (the placeholder's SQL and its parameter), and
     * what PostgreSQL must then hold for it, read back by pgjdbc.
     */
    private record Column(String name, String mysql, String postgres, Function<SplittableRandom, Object> random, List<Object> edges,
                          String placeholder, Function<Object, Object> parameter, Function<Object, Object> expected,
                          PgRead read) {
    }

    @FunctionalInterface
    private interface PgRead {
        Object read(ResultSet rs, String column) throws Exception;
    }

    private static final List<Column> COLUMNS = List.of(
            plain("b", "tinyint(1)", "boolean", r -> r.nextBoolean(), List.of(true, false), v -> (Boolean) v ? 1 : 0, (rs, c) -> rs.getBoolean(c)),
            integer("ti", "tinyint", "smallint", -128, 127),
            integer("tu", "tinyint unsigned", "smallint", 0, 255),
            integer("si", "smallint", "smallint", Short.MIN_VALUE, Short.MAX_VALUE),
            integer("su", "smallint unsigned", "integer", 0, 65535),
            integer("mi", "mediumint", "integer", -8388608, 8388607),
            integer("mu", "mediumint unsigned", "integer", 0, 16777215),
            integer("i", "int", "integer", Integer.MIN_VALUE, Integer.MAX_VALUE),
            integer("iu", "int unsigned", "bigint", 0, 4294967295L),
            integer("bi", "bigint", "bigint", Long.MIN_VALUE, Long.MAX_VALUE),
            new Column("bu", "bigint unsigned", "numeric(20,0)", r -> new BigDecimal(new BigInteger(64, new java.util.Random(r.nextLong()))),
                    List.of(BigDecimal.ZERO, new BigDecimal("18446744073709551615"), new BigDecimal("9223372036854775808")),
                    "?", v -> v, v -> v, (rs, c) -> rs.getBigDecimal(c)),
            new Column("d", "decimal(65,30)", "numeric(65,30)", MariaDbEveryTypeTest::decimal65,
                    List.of(new BigDecimal("99999999999999999999999999999999999.999999999999999999999999999999"),
                            new BigDecimal("-99999999999999999999999999999999999.999999999999999999999999999999"),
                            new BigDecimal("0.000000000000000000000000000001"), new BigDecimal("-1.5"), BigDecimal.ZERO),
                    "?", v -> v, v -> ((BigDecimal) v).setScale(30), (rs, c) -> rs.getBigDecimal(c)),
            new Column("d2", "decimal(10,2)", "numeric(10,2)", r -> BigDecimal.valueOf(r.nextLong(-9_999_999_999L, 10_000_000_000L), 2),
                    List.of(new BigDecimal("99999999.99"), new BigDecimal("-0.01"), new BigDecimal("10000.00")),
                    "?", v -> v, v -> v, (rs, c) -> rs.getBigDecimal(c)),
            new Column("f", "float", "real", r -> randomFloat(r),
                    List.of(Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_NORMAL, 1.2345678f, 16777217f, 0.1f, 0f),
                    "?", v -> v, v -> Float.floatToIntBits((Float) v), (rs, c) -> Float.floatToIntBits(rs.getFloat(c))),
            new Column("db", "double", "double precision", r -> randomDouble(r),
                    List.of(Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_NORMAL, 0.1, 1e308, 0.30000000000000004),
                    "?", v -> v, v -> Double.doubleToLongBits((Double) v), (rs, c) -> Double.doubleToLongBits(rs.getDouble(c))),
            bits("bt", 13), bits("b1", 1), bits("b64", 64),
            text("c", "char(12) character set utf8mb4", 12, true, false),
            text("vc", "varchar(200) character set utf8mb4", 200, false, false),
            text("tx", "text character set utf8mb4", 3000, false, false),
            text("l1", "varchar(200) character set latin1", 200, false, true),
            new Column("bn", "binary(6)", "bytea", r -> randomBytes(r, 6), List.of(new byte[0], new byte[]{(byte) 0xff, 0, 0, 0, 0, 1}),
                    "?", v -> v, v -> Arrays.copyOf((byte[]) v, 6), (rs, c) -> rs.getBytes(c)),
            bytes("vb", "varbinary(40)", 40), bytes("bl", "blob", 5000),
            new Column("da", "date", "date", r -> LocalDate.ofEpochDay(r.nextLong(LocalDate.of(1000, 1, 1).toEpochDay(),
                    LocalDate.of(9999, 12, 31).toEpochDay() + 1)),
                    List.of(LocalDate.of(1000, 1, 1), LocalDate.of(9999, 12, 31), LocalDate.of(1582, 10, 10), LocalDate.of(2024, 2, 29)),
                    "?", Object::toString, Object::toString, (rs, c) -> rs.getString(c)),
            new Column("dt", "datetime(6)", "timestamp with time zone", r -> LocalDateTime.of(1000, 1, 1, 0, 0)
                    .plusSeconds(r.nextLong(0, 283_900_000_000L)).plusNanos(r.nextInt(1_000_000) * 1000L),
                    List.of(LocalDateTime.of(1000, 1, 1, 0, 0), LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_000),
                            LocalDateTime.of(1582, 10, 10, 12, 0)),
                    "?", v -> WALL.format((LocalDateTime) v), v -> ((LocalDateTime) v).toInstant(ZoneOffset.UTC),
                    (rs, c) -> rs.getObject(c, OffsetDateTime.class).toInstant()),
            new Column("ts", "timestamp(6) null", "timestamp with time zone", r -> Instant.ofEpochSecond(r.nextLong(1, 2_147_483_647L),
                    r.nextInt(1_000_000) * 1000L),
                    List.of(Instant.ofEpochSecond(1), Instant.parse("2038-01-19T03:14:07.999999Z")),
                    "?", v -> WALL.format(LocalDateTime.ofInstant((Instant) v, ZoneOffset.UTC)), v -> v,
                    (rs, c) -> rs.getObject(c, OffsetDateTime.class).toInstant()),
            new Column("tm", "time(6)", "interval", r -> r.nextLong(-3_020_399_999_999L, 3_020_400_000_000L),
                    List.of(-3_020_399_999_999L, 3_020_399_999_999L, 90_000_000_000L, -1L, 0L),
                    "?", v -> time((Long) v), v -> v, (rs, c) -> rs.getBigDecimal(c + "_micros").longValueExact()),
            new Column("y", "year", "smallint", r -> r.nextInt(1901, 2156), List.of(1901, 2155, 0),
                    "?", v -> v, v -> ((Integer) v).longValue(), (rs, c) -> rs.getLong(c)),
            new Column("e", "enum('small','medium','large','x-large')", "text", r -> List.of("small", "medium", "large", "x-large").get(r.nextInt(4)),
                    List.of("x-large"), "?", v -> v, v -> v, (rs, c) -> rs.getString(c)),
            new Column("st", "set('red','green','blue')", "text", r -> set(r.nextInt(8)), List.of("", "red,green,blue"),
                    "?", v -> v, v -> v, (rs, c) -> rs.getString(c)),
            new Column("j", "json", "jsonb", MariaDbEveryTypeTest::randomJson,
                    List.of("null", "[]", "{\"emoji\": \"\\ud83d\\ude00 \uD83D\uDE00\", \"n\": 1.50, \"big\": 123456789012345678901234567890}",
                            "\"a string\"", "{\"deep\": [[[[{\"x\": [true, false, null]}]]]]}"),
                    "?", v -> v, MariaDbEveryTypeTest::parse, (rs, c) -> parse(rs.getString(c))),
            new Column("u", "uuid", "uuid", r -> new UUID(r.nextLong() & ~0xf000L | 0x4000L, r.nextLong() & ~(3L << 62) | 1L << 63),
                    List.of(new UUID(0, 0), UUID.fromString("123e4567-e89b-12d3-a456-426614174000")), // MariaDB takes RFC 4122 variants only
                    "?", Object::toString, v -> v, (rs, c) -> rs.getObject(c, UUID.class)));

    @BeforeAll
    static void databases() {
        url = TestMariaDb.freshDatabase(DATABASE);
        postgres = MoveDatabase.pool();
    }

    @AfterAll
    static void close() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void everyMappedTypeArrivesValueForValue() throws Exception {
        long seed = Long.getLong("etl.seed", new SplittableRandom().nextLong());
        String replay = "seed " + seed + " (replay with -Dtest=MariaDbEveryTypeTest -Detl.seed=" + seed + ")";
        List<Object[]> rows = rows(new SplittableRandom(seed));
        fillMariaDb(rows);
        MoveDatabase.execute("DROP SCHEMA IF EXISTS mariadb_test CASCADE");

        MySqlTransfer.Result result = MySqlTransfer.run(url, postgres, TABLE, new MySqlTransfer.Options(null, "every_type", false,
                true, 0, rejects, false, ZoneOffset.UTC, false));

        assertThat(result.rows()).as(replay).isEqualTo(rows.size());
        assertThat(result.rejected()).isZero();
        assertThat(columnTypes()).as("--create-table's types are the type table's").isEqualTo(expectedTypes());
        try (Connection connection = TestDatabase.connect(MoveDatabase.NAME); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT *, extract(epoch FROM tm) * 1000000 AS tm_micros FROM " + TABLE + " ORDER BY n")) {
            int compared = 0;
            for (Object[] row : rows) {
                assertThat(rs.next()).as(replay + ": row " + row[0] + " is missing").isTrue();
                assertThat(rs.getInt("n")).as(replay).isEqualTo(row[0]);
                for (int i = 0; i < COLUMNS.size(); i++) {
                    Column column = COLUMNS.get(i);
                    Object value = row[i + 1];
                    rs.getObject(column.name());
                    Object actual = rs.wasNull() ? null : column.read().read(rs, column.name());
                    Object expected = value == null ? null : column.expected().apply(value);
                    assertEquals(expected, actual, replay + ": row " + row[0] + ", column " + column.name() + " " + column.mysql()
                            + ", value " + show(value));
                    compared++;
                }
            }
            assertThat(rs.next()).as("no extra rows").isFalse();
            assertThat(compared).isEqualTo(rows.size() * COLUMNS.size());
        }
    }

    /** Row 1 is NULL in every column; then one row per edge value of the longest edge list; then random rows, with NULLs. */
    private static List<Object[]> rows(SplittableRandom random) {
        List<Object[]> rows = new ArrayList<>();
        Object[] nulls = new Object[COLUMNS.size() + 1];
        nulls[0] = 1;
        rows.add(nulls);
        int edges = COLUMNS.stream().mapToInt(c -> c.edges().size()).max().orElseThrow();
        for (int e = 0; e < edges + RANDOM_ROWS; e++) {
            Object[] row = new Object[COLUMNS.size() + 1];
            row[0] = rows.size() + 1;
            for (int i = 0; i < COLUMNS.size(); i++) {
                Column column = COLUMNS.get(i);
                if (e < edges) {
                    row[i + 1] = e < column.edges().size() ? column.edges().get(e) : column.random().apply(random);
                } else {
                    row[i + 1] = random.nextInt(20) == 0 ? null : column.random().apply(random);
                }
            }
            rows.add(row);
        }
        return rows;
    }

    private static void fillMariaDb(List<Object[]> rows) throws SQLException {
        List<String> definitions = new ArrayList<>(List.of("n int primary key"));
        COLUMNS.forEach(c -> definitions.add(c.name() + " " + c.mysql()));
        TestMariaDb.execute(DATABASE, "CREATE TABLE every_type (" + String.join(", ", definitions) + ")");
        String insert = "INSERT INTO every_type VALUES (?, " + String.join(", ", COLUMNS.stream().map(Column::placeholder).toList()) + ")";
        try (Connection connection = TestMariaDb.connect(DATABASE)) {
            try (Statement session = connection.createStatement()) {
                session.execute("SET time_zone = '+00:00'");
            }
            try (PreparedStatement statement = connection.prepareStatement(insert)) {
                for (Object[] row : rows) {
                    statement.setInt(1, (Integer) row[0]);
                    for (int i = 0; i < COLUMNS.size(); i++) {
                        Object value = row[i + 1];
                        statement.setObject(i + 2, value == null ? null : COLUMNS.get(i).parameter().apply(value));
                    }
                    statement.addBatch();
                }
                statement.executeBatch();
            }
        }
    }

    private List<String> columnTypes() {
        return TestDatabase.rows(MoveDatabase.NAME, "SELECT format_type(atttypid, atttypmod) FROM pg_attribute "
                + "WHERE attrelid = '" + TABLE + "'::regclass AND attnum > 0 ORDER BY attnum");
    }

    private static List<String> expectedTypes() {
        List<String> types = new ArrayList<>(List.of("integer"));
        COLUMNS.forEach(c -> types.add(c.postgres()));
        return types;
    }

    private static void assertEquals(Object expected, Object actual, String what) {
        if (expected instanceof byte[] e && actual instanceof byte[] a) {
            assertThat(HexFormat.of().formatHex(a)).as(what).isEqualTo(HexFormat.of().formatHex(e));
        } else {
            assertThat(actual).as(what).isEqualTo(expected);
        }
    }

    private static String show(Object value) {
        return value instanceof byte[] b ? "0x" + HexFormat.of().formatHex(b) : Objects.toString(value);
    }

    // ---- columns

    private static Column plain(String name, String mysql, String postgres, Function<SplittableRandom, Object> random, List<Object> edges,
                                Function<Object, Object> parameter, PgRead read) {
        return new Column(name, mysql, postgres, random, edges, "?", parameter, v -> v, read);
    }

    private static Column integer(String name, String mysql, String postgres, long min, long max) {
        return new Column(name, mysql, postgres, r -> max == Long.MAX_VALUE ? r.nextLong() : r.nextLong(min, max + 1),
                List.of(min, max, 0L), "?", v -> v, v -> v, (rs, c) -> rs.getLong(c));
    }

    /** bit(n): bound as the unsigned number, expected as PostgreSQL's bit string. */
    private static Column bits(String name, int n) {
        return new Column(name, "bit(" + n + ")", "bit(" + n + ")", r -> new BigInteger(n, new java.util.Random(r.nextLong())),
                List.of(BigInteger.ZERO, BigInteger.ONE.shiftLeft(n).subtract(BigInteger.ONE), BigInteger.ONE.shiftLeft(n - 1)),
                "CAST(? AS UNSIGNED)", Object::toString,
                v -> String.format("%" + n + "s", ((BigInteger) v).toString(2)).replace(' ', '0'), (rs, c) -> rs.getString(c));
    }

    /** Text with hostile characters; CHAR loses its trailing spaces in MySQL, latin1 holds only latin1. */
    private static Column text(String name, String mysql, int max, boolean charPadded, boolean latin1) {
        return new Column(name, mysql, "text", r -> randomText(r, r.nextInt(Math.min(max, 40) + 1), latin1),
                List.of("", cut(latin1 ? "ÀÉÎÕÜ ñ ß ÿ © ¼ « » \\ \" '\t\n\\N" : "\uD83D\uDE00\uD83D\uDC68\u200D\uD83D\uDC69 健康 \\N \"'\t\r\n", max),
                        charPadded ? "ab  " : "trailing  "),
                "?", v -> v, v -> charPadded ? ((String) v).replaceFirst(" +$", "") : v, (rs, c) -> rs.getString(c));
    }

    /** At most {@code max} characters (code points), as MySQL counts a column's length. */
    private static String cut(String text, int max) {
        return text.codePointCount(0, text.length()) <= max ? text : text.substring(0, text.offsetByCodePoints(0, max));
    }

    private static Column bytes(String name, String mysql, int max) {
        return new Column(name, mysql, "bytea", r -> randomBytes(r, r.nextInt(Math.min(max, 64) + 1)),
                List.of(new byte[0], new byte[]{0, 0, 0}), "?", v -> v, v -> v, (rs, c) -> rs.getBytes(c));
    }

    // ---- random values

    private static final String HOSTILE = "\"'\\\t\n\r,;|%_\u00e9\u00f1\u00fc\u00df\u00ff";
    private static final String UNICODE = "\u5065\u5eb7\u0627\u0644\u0639\u0631\u0628\u064a\u0629\u0301\uD83D\uDE00\uD83C\uDF89\uD801\uDC37";
    private static final String LATIN1 = "\u00c0\u00e9\u00ee\u00f5\u00fc\u00f1\u00df\u00ff\u00a9\u00bc\u00ab\u00bb";

    private static String randomText(SplittableRandom r, int length, boolean latin1) {
        StringBuilder text = new StringBuilder();
        while (text.codePointCount(0, text.length()) < length) {
            int kind = r.nextInt(10);
            if (kind < 5) {
                text.append((char) r.nextInt('a', 'z' + 1));
            } else if (kind < 7) {
                text.append(HOSTILE.charAt(r.nextInt(HOSTILE.length())));
            } else if (latin1) {
                text.append(LATIN1.charAt(r.nextInt(LATIN1.length())));
            } else {
                int at = UNICODE.offsetByCodePoints(0, r.nextInt(UNICODE.codePointCount(0, UNICODE.length())));
                text.appendCodePoint(UNICODE.codePointAt(at));
            }
        }
        return text.toString().replace("\r", "");
    }

    private static byte[] randomBytes(SplittableRandom r, int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) r.nextInt(256);
        }
        return bytes;
    }

    private static BigDecimal decimal65(SplittableRandom r) {
        StringBuilder digits = new StringBuilder(r.nextBoolean() ? "-" : "");
        int integer = r.nextInt(1, 36);
        for (int i = 0; i < integer + 30; i++) {
            digits.append(i == integer ? "." : "").append(r.nextInt(10));
        }
        return new BigDecimal(digits.toString());
    }

    /** Any finite float, by its bits (no NaN or infinity: MySQL has none; no -0: MySQL stores 0). */
    private static Float randomFloat(SplittableRandom r) {
        while (true) {
            float f = Float.intBitsToFloat(r.nextInt());
            if (Float.isFinite(f) && Float.floatToIntBits(f) != Float.floatToIntBits(-0f) && Math.abs(f) >= Float.MIN_NORMAL) {
                return f;
            }
        }
    }

    private static Double randomDouble(SplittableRandom r) {
        while (true) {
            double d = Double.longBitsToDouble(r.nextLong());
            if (Double.isFinite(d) && Math.abs(d) >= Double.MIN_NORMAL) {
                return d;
            }
        }
    }

    private static String time(long micros) {
        long abs = Math.abs(micros);
        return String.format("%s%d:%02d:%02d.%06d", micros < 0 ? "-" : "", abs / 3_600_000_000L, abs / 60_000_000 % 60,
                abs / 1_000_000 % 60, abs % 1_000_000);
    }

    private static String set(int members) {
        List<String> chosen = new ArrayList<>();
        List<String> all = List.of("red", "green", "blue");
        for (int i = 0; i < 3; i++) {
            if ((members & (1 << i)) != 0) {
                chosen.add(all.get(i));
            }
        }
        return String.join(",", chosen);
    }

    private static String randomJson(SplittableRandom r) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("id", r.nextLong());
        object.put("text", randomText(r, r.nextInt(20), false));
        object.put("price", BigDecimal.valueOf(r.nextLong(100_000), 2));
        object.put("tags", List.of(randomText(r, 3, false), r.nextBoolean()));
        object.put("nested", Map.of("ok", r.nextBoolean(), "none", List.of()));
        try {
            return JSON.writeValueAsString(object);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(Object json) {
        try {
            return JSON.readTree((String) json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
