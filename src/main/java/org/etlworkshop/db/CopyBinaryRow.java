package org.etlworkshop.db;

import org.etlworkshop.model.Timestamptz;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * Writes one row in PostgreSQL's binary COPY format: a 16-bit field count, then each field as a
 * 32-bit length and its bytes in the server's internal form (-1 for NULL). The server skips all text
 * parsing: a uuid is its 16 bytes, a timestamptz the microseconds since 2000-01-01 UTC, a bigint its
 * 8 bytes, text its UTF-8. The column types must match the table's exactly.
 */
public final class CopyBinaryRow {
    /** "PGCOPY\n\377\r\n\0", then flags and header-extension length, both 0. */
    static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0};
    /** Microseconds from the Unix epoch to PostgreSQL's, 2000-01-01T00:00:00Z. */
    private static final long POSTGRES_EPOCH_MICROS = 946_684_800_000_000L;
    /** Days from the Unix epoch to PostgreSQL's. */
    private static final long POSTGRES_EPOCH_DAYS = 10_957L;

    private final ByteSink out;
    private final int fieldCount;

    CopyBinaryRow(ByteSink out, int fieldCount) {
        this.out = out;
        this.fieldCount = fieldCount;
    }

    void begin() {
        out.writeShort(fieldCount);
    }

    public CopyBinaryRow int64(long value) {
        out.writeInt(8);
        out.writeLong(value);
        return this;
    }

    public CopyBinaryRow uuid(UUID value) {
        out.writeInt(16);
        out.writeLong(value.getMostSignificantBits());
        out.writeLong(value.getLeastSignificantBits());
        return this;
    }

    /** Microseconds since 2000-01-01 UTC; {@code ±infinity} are the largest and smallest int64, as in PostgreSQL. */
    public CopyBinaryRow timestamp(Instant value) {
        out.writeInt(8);
        if (value.equals(Timestamptz.INFINITY)) {
            out.writeLong(Long.MAX_VALUE);
        } else if (value.equals(Timestamptz.MINUS_INFINITY)) {
            out.writeLong(Long.MIN_VALUE);
        } else {
            out.writeLong(value.getEpochSecond() * 1_000_000L + value.getNano() / 1000 - POSTGRES_EPOCH_MICROS);
        }
        return this;
    }

    public CopyBinaryRow text(String value) {
        if (value == null) {
            out.writeInt(-1);
            return this;
        }
        int lengthAt = out.size();
        out.writeInt(0); // patched once the UTF-8 length is known
        for (int i = 0; i < value.length(); ) {
            if (value.charAt(i) == '\0') {
                throw nul(value);
            }
            i += out.writeUtf8(value, i);
        }
        out.patchInt(lengthAt, out.size() - lengthAt - 4);
        return this;
    }

    /** SQL NULL, in any column. */
    public CopyBinaryRow nul() {
        out.writeInt(-1);
        return this;
    }

    public CopyBinaryRow bool(boolean value) {
        out.writeInt(1);
        out.writeByte(value ? 1 : 0);
        return this;
    }

    public CopyBinaryRow int16(short value) {
        out.writeInt(2);
        out.writeShort(value);
        return this;
    }

    public CopyBinaryRow int32(int value) {
        out.writeInt(4);
        out.writeInt(value);
        return this;
    }

    /** {@code real}: the float's own four bytes, so every value arrives bit for bit. */
    public CopyBinaryRow float4(float value) {
        out.writeInt(4);
        out.writeInt(Float.floatToRawIntBits(value));
        return this;
    }

    /** {@code double precision}: its eight bytes. */
    public CopyBinaryRow float8(double value) {
        out.writeInt(8);
        out.writeLong(Double.doubleToRawLongBits(value));
        return this;
    }

    /** {@code numeric}: base-10000 digits, see {@link BinaryNumeric}. */
    public CopyBinaryRow numeric(BigDecimal value) {
        BinaryNumeric.write(out, value);
        return this;
    }

    /** {@code numeric} of an unsigned 64-bit integer (its bits in a long, as {@link Long#parseUnsignedLong} reads it). */
    public CopyBinaryRow numericUnsigned(long value) {
        BinaryNumeric.writeUnsigned(out, value);
        return this;
    }

    public CopyBinaryRow bytea(byte[] value) {
        out.writeInt(value.length);
        out.writeBytes(value);
        return this;
    }

    /** {@code text} already in UTF-8 without NUL (a source that sends UTF-8, checked there): its bytes as they are. */
    public CopyBinaryRow textUtf8(byte[] utf8) {
        out.writeInt(utf8.length);
        out.writeBytes(utf8);
        return this;
    }

    /** {@code date}: days since 2000-01-01 (proleptic Gregorian, as PostgreSQL and {@link LocalDate} count). */
    public CopyBinaryRow date(LocalDate value) {
        out.writeInt(4);
        out.writeInt(Math.toIntExact(value.toEpochDay() - POSTGRES_EPOCH_DAYS));
        return this;
    }

    /** {@code interval} of microseconds only (no days, no months: 838 hours stay 838 hours). */
    public CopyBinaryRow interval(long micros) {
        out.writeInt(16);
        out.writeLong(micros);
        out.writeInt(0);
        out.writeInt(0);
        return this;
    }

    /**
     * {@code bit(n)}: the number of bits, then the bits from the first (the most significant bit of
     * the first byte), padded with zeros to whole bytes. {@code value} holds the bits right-aligned,
     * most significant byte first, as MySQL sends a {@code BIT(n)} value.
     */
    public CopyBinaryRow bits(int n, byte[] value) {
        int bytes = (n + 7) / 8;
        int shift = bytes * 8 - n;
        out.writeInt(4 + bytes);
        out.writeInt(n);
        for (int i = 0; i < bytes; i++) {
            int at = value.length - bytes + i; // right-aligned: a short value has leading zero bytes
            int current = at >= 0 ? value[at] & 0xff : 0;
            int next = at + 1 >= 0 && at + 1 < value.length ? value[at + 1] & 0xff : 0;
            out.writeByte((current << shift | next >>> (8 - shift)) & 0xff);
        }
        return this;
    }

    /** {@code jsonb}: a version byte (1), then the JSON text, which the server parses. */
    public CopyBinaryRow jsonb(String json) {
        int lengthAt = out.size();
        out.writeInt(0);
        out.writeByte(1);
        for (int i = 0; i < json.length(); ) {
            i += out.writeUtf8(json, i);
        }
        out.patchInt(lengthAt, out.size() - lengthAt - 4);
        return this;
    }

    /** {@code jsonb} from JSON already in UTF-8: the version byte, then its bytes as they are. */
    public CopyBinaryRow jsonbUtf8(byte[] utf8) {
        out.writeInt(utf8.length + 1);
        out.writeByte(1);
        out.writeBytes(utf8);
        return this;
    }

    static IllegalArgumentException nul(String value) {
        String visible = value.replace("\0", "\\0");
        return new IllegalArgumentException("PostgreSQL text cannot contain the NUL character (U+0000): "
                + (visible.length() > 60 ? visible.substring(0, 60) + "..." : visible));
    }
}
