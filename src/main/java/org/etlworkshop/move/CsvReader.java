package org.etlworkshop.move;

import org.etlworkshop.UsageException;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * RFC 4180 CSV with a header row naming the columns: fields separated by commas, quoted with
 * {@code "} when they hold commas, quotes ({@code ""}) or line breaks; rows end with LF, CRLF or CR;
 * a byte-order mark is skipped. As PostgreSQL's own CSV does, an unquoted empty field is NULL and a
 * quoted one ({@code ""}) is the empty string, so an {@code etl export} reads back exactly.
 *
 * <p>It reads bytes, in two steps. A record ends at a line break outside quotes, every {@code "}
 * opening or closing a quote, as PostgreSQL's COPY finds its lines; a record is held up to
 * {@code --max-line-bytes} and the rest of a longer one skipped. Then its fields are taken
 * strictly: a quote inside an unquoted field, text after a closing quote, a NUL byte or bytes that
 * are not UTF-8 make the whole record a reject, at the line where it starts, never a changed value.
 */
final class CsvReader implements RowReader {
    private final InputStream in;
    private final int max;
    private final List<String> columns;
    private final byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;
    private byte[] record = new byte[256];
    private int length;
    private long line = 1;
    private long recordLine;
    private boolean skipping;
    private boolean skippingQuoted;

    CsvReader(InputStream in, long maxLineBytes) throws IOException {
        this.in = in;
        this.max = (int) Math.min(maxLineBytes, Integer.MAX_VALUE - 16);
        if (peek() == 0xef) { // a UTF-8 byte-order mark
            read();
            if (peek() == 0xbb) {
                read();
                if (peek() == 0xbf) {
                    read();
                }
            }
        }
        List<String> header;
        try {
            header = next(true) == null ? null : fields(1);
        } catch (BadRow e) {
            throw new UsageException(SourceLines.oneLine("the CSV header (line 1) is malformed: " + e.getMessage()));
        }
        if (header == null) {
            throw new UsageException("the CSV input is empty: it needs a header row naming the columns");
        }
        for (String name : header) {
            if (name == null || name.isBlank()) {
                throw new UsageException(SourceLines.oneLine("the CSV header has an empty column name: " + header));
            }
        }
        this.columns = List.copyOf(header.stream().map(String::strip).toList());
    }

    @Override
    public List<String> columns() {
        return columns;
    }

    @Override
    public Row next() throws IOException, BadRow {
        if (next(false) == null) {
            return null;
        }
        long start = recordLine;
        List<String> fields = fields(start);
        if (fields.size() != columns.size()) {
            throw new BadRow(start, raw(), fields.size() + " fields, the header has " + columns.size());
        }
        String text;
        try {
            text = SourceLines.utf8(record, 0, length);
        } catch (SourceLines.NotUtf8 e) {
            throw new BadRow(start, raw(), e.getMessage());
        }
        return new Row(start, text, fields.toArray(new String[0]));
    }

    /**
     * Reads one record's bytes into {@link #record}; null at the end of the input. A record longer
     * than the limit, or one whose quote is never closed, is thrown once it has been read past.
     */
    private Boolean next(boolean header) throws IOException, BadRow {
        if (skipping) {
            skipRestOfRecord();
        }
        length = 0;
        if (peek() < 0) {
            return null;
        }
        long start = recordLine = line;
        long quoteOpened = 0;
        boolean quoted = false;
        while (true) {
            int c = read();
            if (c < 0) {
                if (quoted) {
                    throw new BadRow(start, raw(), "a quoted field opened on line " + quoteOpened
                            + " is not closed before the end of the input");
                }
                break;
            }
            if (c == '"') {
                quoted = !quoted;
                quoteOpened = quoted ? line : quoteOpened;
            }
            if (!quoted && (c == '\n' || c == '\r')) {
                if (c == '\r' && peek() == '\n') {
                    read();
                }
                line++;
                break;
            }
            if (c == '\n' || (c == '\r' && peek() != '\n')) {
                line++;
            }
            if (length == max) { // said at once, so that input without line breaks is found out; the rest is skipped later
                skipping = true;
                skippingQuoted = quoted;
                throw new BadRow(start, raw(), (header ? "the header is" : "the record is") + " longer than --max-line-bytes "
                        + String.format("%,d", max) + " (only its first bytes are kept here)");
            }
            if (length == record.length) {
                record = Arrays.copyOf(record, (int) Math.min((long) record.length * 2, max));
            }
            record[length++] = (byte) c;
        }
        return Boolean.TRUE;
    }

    /** Reads past the rest of a record cut at the limit, quotes and line breaks counted as {@link #next} counts them. */
    private void skipRestOfRecord() throws IOException {
        boolean quoted = skippingQuoted;
        skipping = false;
        for (int c = read(); c >= 0; c = read()) {
            if (c == '"') {
                quoted = !quoted;
            }
            boolean lineBreak = c == '\n' || (c == '\r' && peek() != '\n');
            if (lineBreak) {
                line++;
                if (!quoted) {
                    return;
                }
            }
        }
    }

    /** The fields of the record just read: null for an unquoted empty field, the text otherwise. */
    private List<String> fields(long start) throws BadRow {
        List<String> fields = new ArrayList<>();
        int i = 0;
        while (true) {
            int from, to;
            boolean quoted = i < length && record[i] == '"';
            if (quoted) {
                StringBuilder unescaped = null;
                from = ++i;
                while (true) {
                    if (i >= length) {
                        throw new BadRow(start, raw(), "a quoted field is not closed");
                    }
                    if (record[i] == '"' && i + 1 < length && record[i + 1] == '"') {
                        unescaped = unescaped == null ? new StringBuilder() : unescaped;
                        unescaped.append(text(start, from, i + 1)); // up to and with one quote
                        i += 2;
                        from = i;
                    } else if (record[i] == '"') {
                        break;
                    } else {
                        i++;
                    }
                }
                to = i++;
                if (i < length && record[i] != ',') {
                    throw new BadRow(start, raw(), "unexpected text after a quoted field");
                }
                fields.add(unescaped == null ? text(start, from, to) : unescaped.append(text(start, from, to)).toString());
            } else {
                from = i;
                while (i < length && record[i] != ',') {
                    if (record[i] == '"') {
                        throw new BadRow(start, raw(), "a quote inside an unquoted field (quote the whole field, doubling its quotes)");
                    }
                    i++;
                }
                to = i;
                fields.add(to == from ? null : text(start, from, to));
            }
            if (i >= length) {
                return fields;
            }
            i++; // the comma
        }
    }

    private String text(long start, int from, int to) throws BadRow {
        int nul = SourceLines.nul(record, from, to - from);
        if (nul >= 0) {
            throw new BadRow(start, raw(), "a NUL byte (PostgreSQL text cannot hold one)");
        }
        try {
            return SourceLines.utf8(record, from, to - from);
        } catch (SourceLines.NotUtf8 e) {
            throw new BadRow(start, raw(), e.getMessage().replace(" of the line", " of the field"));
        }
    }

    private byte[] raw() {
        return Arrays.copyOf(record, length);
    }

    private int peek() throws IOException {
        if (position == limit) {
            int n;
            do {
                n = in.read(buffer, 0, buffer.length);
            } while (n == 0);
            position = 0;
            limit = Math.max(n, 0);
            if (n < 0) {
                return -1;
            }
        }
        return buffer[position] & 0xff;
    }

    private int read() throws IOException {
        int c = peek();
        if (c >= 0) {
            position++;
        }
        return c;
    }
}
