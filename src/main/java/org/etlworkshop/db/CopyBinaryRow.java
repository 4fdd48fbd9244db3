package org.etlworkshop.db;

import org.etlworkshop.model.Timestamptz;

import java.time.Instant;
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

    static IllegalArgumentException nul(String value) {
        String visible = value.replace("\0", "\\0");
        return new IllegalArgumentException("PostgreSQL text cannot contain the NUL character (U+0000): "
                + (visible.length() > 60 ? visible.substring(0, 60) + "..." : visible));
    }
}
