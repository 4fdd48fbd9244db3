package org.etlworkshop.move;

import org.etlworkshop.UsageException;
import org.etlworkshop.db.CopyBinaryRow;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The type table of {@code etl transfer} from MySQL or MariaDB: for each source type, the
 * PostgreSQL type it becomes, how a value is read from the result set and checked, and how it is
 * written in binary COPY. One row per type; the README's table is this one, and a test holds them
 * together. Every value arrives exactly or not at all: one PostgreSQL cannot hold is a reject, with
 * its reason ({@link MySqlValues}).
 *
 * <p>Types are recognised by the names MariaDB Connector/J gives them ({@code TINYINT UNSIGNED},
 * {@code JSON}, ...), which come from the server's column definitions, so a {@code --query}'s computed
 * columns are typed as well as a table's. {@code ENUM} and {@code SET} arrive as {@code CHAR}.
 */
final class MySqlTypes {

    /** Reads column {@code index} of the current row; null for SQL NULL. */
    @FunctionalInterface
    interface Reader {
        Object read(ResultSet rs, int index, MySqlValues values) throws SQLException, MySqlValues.Rejected;
    }

    /** Writes a non-null value read by the same row's {@link Reader}. */
    @FunctionalInterface
    interface Writer {
        void write(CopyBinaryRow out, Object value);
    }

    /**
     * One row of the table.
     *
     * @param source      the MySQL type, as the README names it
     * @param driverNames Connector/J's names for it ({@code ResultSetMetaData.getColumnTypeName})
     * @param target      the PostgreSQL type, from the column's precision and scale
     * @param note        what to know (shown in the README)
     * @param select      how the column is selected from the query, given its quoted name: most as they are
     */
    record Mapping(String source, List<String> driverNames, Function<Column, String> target, String note, Reader reader, Writer writer,
                   UnaryOperator<String> select) {
        Mapping selectedAs(UnaryOperator<String> expression) {
            return new Mapping(source, driverNames, target, note, reader, writer, expression);
        }
    }

    /** A source column as the driver describes it. */
    record Column(String name, String driverName, int precision, int scale) {
    }

    private static final List<Mapping> TABLE = List.of(
            row("tinyint(1)", "BOOLEAN", c -> "boolean", "0 and 1 only: any other value is a reject",
                    (rs, i, v) -> {
                        int b = rs.getInt(i);
                        if (rs.wasNull()) {
                            return null;
                        }
                        if (b != 0 && b != 1) {
                            throw new MySqlValues.Rejected("tinyint(1) holding " + b + " is not a boolean (cast it in --query to keep the number)");
                        }
                        return b == 1;
                    }, (out, value) -> out.bool((Boolean) value)),
            row("tinyint", "TINYINT", c -> "smallint", "PostgreSQL has no 1-byte integer", MySqlTypes::smallint, MySqlTypes::int16),
            row("tinyint unsigned", "TINYINT UNSIGNED", c -> "smallint", "0 to 255", MySqlTypes::smallint, MySqlTypes::int16),
            row("smallint", "SMALLINT", c -> "smallint", "the same range", MySqlTypes::smallint, MySqlTypes::int16),
            row("smallint unsigned", "SMALLINT UNSIGNED", c -> "integer", "up to 65535", MySqlTypes::integer, MySqlTypes::int32),
            row("mediumint", "MEDIUMINT", c -> "integer", "PostgreSQL has no 3-byte integer", MySqlTypes::integer, MySqlTypes::int32),
            row("mediumint unsigned", "MEDIUMINT UNSIGNED", c -> "integer", "up to 16777215", MySqlTypes::integer, MySqlTypes::int32),
            row("int", "INTEGER", c -> "integer", "the same range", MySqlTypes::integer, MySqlTypes::int32),
            row("int unsigned", "INTEGER UNSIGNED", c -> "bigint", "up to 4294967295", MySqlTypes::bigint, MySqlTypes::int64),
            row("bigint", "BIGINT", c -> "bigint", "the same range", MySqlTypes::bigint, MySqlTypes::int64),
            row("bigint unsigned", "BIGINT UNSIGNED", c -> "numeric(20,0)", "up to 18446744073709551615: more than bigint holds",
                    (rs, i, v) -> {
                        String digits = rs.getString(i);
                        return digits == null ? null : Long.parseUnsignedLong(digits); // the bits of an unsigned long
                    }, (out, value) -> out.numericUnsigned((Long) value)),
            row("decimal(p,s)", "DECIMAL", c -> "numeric(" + c.precision() + "," + c.scale() + ")", "every digit, up to decimal(65,30)",
                    MySqlTypes::decimal, MySqlTypes::numeric),
            row("decimal(p,s) unsigned", "DECIMAL UNSIGNED", c -> "numeric(" + c.precision() + "," + c.scale() + ")", "unsigned only forbids negatives",
                    MySqlTypes::decimal, MySqlTypes::numeric),
            row("float", "FLOAT", c -> "real", "bit for bit: selected as a DOUBLE (exact), since MySQL's text rounds a FLOAT to 6 digits",
                    (rs, i, v) -> {
                        double d = rs.getDouble(i); // the float widened: its text parses back to the same double, then float
                        return rs.wasNull() ? null : (float) d;
                    }, (out, value) -> out.float4((Float) value)).selectedAs(q -> q + " + 0e0"),
            row("double", "DOUBLE", c -> "double precision", "bit for bit",
                    (rs, i, v) -> {
                        double d = rs.getDouble(i);
                        return rs.wasNull() ? null : d;
                    }, (out, value) -> out.float8((Double) value)),
            row("bit(n)", "BIT", c -> "bit(" + c.precision() + ")", "the same bits, first bit first",
                    (rs, i, v) -> rs.getBytes(i), null),
            row("char(n), enum, set", "CHAR", c -> "text", "as MySQL returns them: char(n) without its trailing spaces, "
                    + "a set as 'a,b'", MySqlTypes::text, MySqlTypes::text),
            row("varchar(n)", "VARCHAR", c -> "text", "utf8mb4 (4-byte characters) and latin1 alike: PostgreSQL gets UTF-8; "
                    + "NUL is a reject", MySqlTypes::text, MySqlTypes::text),
            row("tinytext, text, mediumtext, longtext", "TINYTEXT TEXT MEDIUMTEXT LONGTEXT", c -> "text", "as varchar", MySqlTypes::text, MySqlTypes::text),
            row("binary(n)", "BINARY", c -> "bytea", "with MySQL's padding zero bytes", MySqlTypes::bytes, MySqlTypes::bytea),
            row("varbinary(n)", "VARBINARY", c -> "bytea", "the bytes as they are", MySqlTypes::bytes, MySqlTypes::bytea),
            row("tinyblob, blob, mediumblob, longblob", "TINYBLOB BLOB MEDIUMBLOB LONGBLOB", c -> "bytea", "as varbinary", MySqlTypes::bytes, MySqlTypes::bytea),
            row("date", "DATE", c -> "date", "a zero date (0000-00-00, or a zero month or day) is a reject, "
                    + "or NULL with --zero-dates null",
                    (rs, i, v) -> {
                        String text = rs.getString(i);
                        return text == null ? null : v.date(text);
                    }, (out, value) -> out.date((LocalDate) value)),
            row("datetime(p)", "DATETIME", c -> "timestamp with time zone", "read as wall-clock time in --source-time-zone "
                    + "(default UTC); a time the clocks skipped there is a reject; zero dates as for date",
                    (rs, i, v) -> {
                        String text = rs.getString(i);
                        return text == null ? null : v.datetime(text);
                    }, MySqlTypes::instant).selectedAs(MySqlTypes::asText),
            row("timestamp(p)", "TIMESTAMP", c -> "timestamp with time zone", "the instant it is, whatever the session's time zone",
                    (rs, i, v) -> {
                        String text = rs.getString(i);
                        return text == null ? null : v.timestamp(text);
                    }, MySqlTypes::instant).selectedAs(MySqlTypes::asText),
            row("time(p)", "TIME", c -> "interval", "-838:59:59.999999 to 838:59:59.999999: a duration, not a time of day",
                    (rs, i, v) -> {
                        String text = rs.getString(i);
                        return text == null ? null : MySqlValues.timeMicros(text);
                    }, (out, value) -> out.interval((Long) value)),
            row("year", "YEAR", c -> "smallint", "0000 stays 0", MySqlTypes::integer, (out, value) -> out.int16(((Integer) value).shortValue())),
            row("json", "JSON", c -> "jsonb", "jsonb's form: keys ordered and deduplicated (the last wins), "
                    + "\\u0000 is a reject", (rs, i, v) -> {
                        byte[] utf8 = rs.getBytes(i);
                        return utf8 == null ? null : MySqlValues.json(utf8);
                    }, (out, value) -> out.jsonbUtf8((byte[]) value)),
            row("uuid (MariaDB)", "uuid", c -> "uuid", "MariaDB 10.7 and later",
                    (rs, i, v) -> {
                        String text = rs.getString(i);
                        return text == null ? null : UUID.fromString(text);
                    }, (out, value) -> out.uuid((UUID) value)),
            row("NULL (a query's NULL literal)", "NULL", c -> "text", "NULL in every row; NULL in any other column stays NULL", (rs, i, v) -> null, null));

    private MySqlTypes() {
    }

    static List<Mapping> table() {
        return TABLE;
    }

    /** The mapping of the result's column {@code index}, or a usage error naming the column and the types that are mapped. */
    static Mapping of(ResultSetMetaData meta, int index) throws SQLException {
        String name = meta.getColumnTypeName(index);
        if (name.equals("BIT") && meta.getPrecision(index) >= 1) {
            return bits(meta.getPrecision(index));
        }
        for (Mapping mapping : TABLE) {
            if (mapping.driverNames().contains(name)) {
                return mapping;
            }
        }
        throw new UsageException("column " + meta.getColumnLabel(index) + " is of type " + name.toLowerCase()
                + ", which etl transfer does not map to a PostgreSQL type; cast it in --query (e.g. CAST(c AS CHAR)). Mapped: "
                + String.join(", ", TABLE.stream().map(Mapping::source).toList()));
    }

    static Column column(ResultSetMetaData meta, int index) throws SQLException {
        return new Column(meta.getColumnLabel(index), meta.getColumnTypeName(index), meta.getPrecision(index), meta.getScale(index));
    }

    /** {@code bit(n)} knows its width only from the column: the writer needs it to align the bits. */
    private static Mapping bits(int n) {
        Mapping generic = TABLE.stream().filter(m -> m.driverNames().contains("BIT")).findFirst().orElseThrow();
        return new Mapping(generic.source(), generic.driverNames(), generic.target(), generic.note(), generic.reader(),
                (out, value) -> out.bits(n, (byte[]) value), generic.select());
    }

    /** {@code driverNames}: Connector/J's names, separated by spaces (but {@code "TINYINT UNSIGNED"} is one name). */
    private static Mapping row(String source, String driverNames, Function<Column, String> target, String note, Reader reader, Writer writer) {
        return new Mapping(source, List.of(driverNames.split(" (?!UNSIGNED)")), target, note, reader, writer, q -> q);
    }

    /** MySQL's own text of a date and time, zero dates included: Connector/J would parse it (and pass it through the JVM's zone). */
    private static String asText(String quoted) {
        return "CAST(" + quoted + " AS CHAR)";
    }

    private static Object smallint(ResultSet rs, int i, MySqlValues v) throws SQLException {
        short value = rs.getShort(i);
        return rs.wasNull() ? null : value;
    }

    private static Object integer(ResultSet rs, int i, MySqlValues v) throws SQLException {
        int value = rs.getInt(i);
        return rs.wasNull() ? null : value;
    }

    private static Object bigint(ResultSet rs, int i, MySqlValues v) throws SQLException {
        long value = rs.getLong(i);
        return rs.wasNull() ? null : value;
    }

    private static Object decimal(ResultSet rs, int i, MySqlValues v) throws SQLException {
        return rs.getBigDecimal(i);
    }

    private static Object text(ResultSet rs, int i, MySqlValues v) throws SQLException, MySqlValues.Rejected {
        byte[] utf8 = rs.getBytes(i); // the connection's UTF-8, never decoded: see MySqlValues.text
        return utf8 == null ? null : MySqlValues.text(utf8);
    }

    private static Object bytes(ResultSet rs, int i, MySqlValues v) throws SQLException {
        return rs.getBytes(i);
    }

    private static void int16(CopyBinaryRow out, Object value) {
        out.int16((Short) value);
    }

    private static void int32(CopyBinaryRow out, Object value) {
        out.int32((Integer) value);
    }

    private static void int64(CopyBinaryRow out, Object value) {
        out.int64((Long) value);
    }

    private static void numeric(CopyBinaryRow out, Object value) {
        out.numeric((BigDecimal) value);
    }

    private static void text(CopyBinaryRow out, Object value) {
        out.textUtf8((byte[]) value);
    }

    private static void bytea(CopyBinaryRow out, Object value) {
        out.bytea((byte[]) value);
    }

    private static void instant(CopyBinaryRow out, Object value) {
        out.timestamp((Instant) value);
    }
}
