package org.etlworkshop.db;

import java.time.Instant;
import java.util.UUID;

/**
 * Writes one row in PostgreSQL's COPY text format: fields separated by tab, rows ended by newline,
 * {@code \N} for NULL, and backslash, tab, newline and carriage return escaped with a backslash.
 * Everything else (quotes, commas, accents, CJK, emoji) passes through untouched, as UTF-8; that is
 * why text COPY is simpler to get right than CSV. This is the one place that encoding lives.
 */
public final class CopyTextRow {
    private final ByteSink out;
    private boolean firstField = true;

    CopyTextRow(ByteSink out) {
        this.out = out;
    }

    public CopyTextRow text(String value) {
        separator();
        if (value == null) {
            out.writeAscii("\\N");
            return this;
        }
        for (int i = 0; i < value.length(); ) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.writeAscii("\\\\");
                case '\t' -> out.writeAscii("\\t");
                case '\n' -> out.writeAscii("\\n");
                case '\r' -> out.writeAscii("\\r");
                case '\0' -> throw CopyBinaryRow.nul(value);
                default -> {
                    i += out.writeUtf8(value, i);
                    continue;
                }
            }
            i++;
        }
        return this;
    }

    public CopyTextRow uuid(UUID value) {
        separator();
        out.writeAscii(value.toString());
        return this;
    }

    /** ISO 8601 in UTC ({@code 2024-03-05T10:11:12.123456Z}), which timestamptz input accepts as is. */
    public CopyTextRow timestamp(Instant value) {
        separator();
        out.writeAscii(value.toString());
        return this;
    }

    public CopyTextRow number(long value) {
        separator();
        out.writeAscii(Long.toString(value));
        return this;
    }

    void end() {
        out.writeByte('\n');
        firstField = true;
    }

    private void separator() {
        if (!firstField) {
            out.writeByte('\t');
        }
        firstField = false;
    }
}
