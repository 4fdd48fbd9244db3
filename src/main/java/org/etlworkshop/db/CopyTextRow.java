package org.etlworkshop.db;

import java.time.Instant;
import java.util.UUID;

/**
 * Writes one row in PostgreSQL's COPY text format: fields separated by tab, rows ended by newline,
 * {@code \N} for NULL, and backslash, tab, newline and carriage return escaped with a backslash.
 * Everything else (quotes, commas, accents, CJK, emoji) passes through untouched; that is why text
 * COPY is simpler to get right than CSV. This is the one place that encoding lives.
 */
public final class CopyTextRow {
    private final StringBuilder out;
    private boolean firstField = true;

    CopyTextRow(StringBuilder out) {
        this.out = out;
    }

    public CopyTextRow text(String value) {
        separator();
        if (value == null) {
            out.append("\\N");
            return this;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\0' -> throw new IllegalArgumentException(
                        "PostgreSQL text cannot contain the NUL character (U+0000): " + abbreviate(value));
                default -> out.append(c);
            }
        }
        return this;
    }

    public CopyTextRow uuid(UUID value) {
        separator();
        out.append(value);
        return this;
    }

    /** ISO 8601 in UTC ({@code 2024-03-05T10:11:12.123456Z}), which timestamptz input accepts as is. */
    public CopyTextRow timestamp(Instant value) {
        separator();
        out.append(value);
        return this;
    }

    public CopyTextRow number(long value) {
        separator();
        out.append(value);
        return this;
    }

    void end() {
        out.append('\n');
        firstField = true;
    }

    private void separator() {
        if (!firstField) {
            out.append('\t');
        }
        firstField = false;
    }

    private static String abbreviate(String value) {
        String visible = value.replace("\0", "\\0");
        return visible.length() > 60 ? visible.substring(0, 60) + "..." : visible;
    }
}
