package org.etlworkshop.move;

import org.etlworkshop.UsageException;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV with a header row naming the columns: fields separated by commas, quoted with
 * {@code "} when they hold commas, quotes ({@code ""}) or line breaks; rows end with LF, CRLF or CR;
 * a byte-order mark is skipped. As PostgreSQL's own CSV does, an unquoted empty field is NULL and a
 * quoted one ({@code ""}) is the empty string, so an {@code etl export} reads back exactly.
 */
final class CsvReader implements RowReader {
    private final Reader in;
    private final List<String> columns;
    private final StringBuilder raw = new StringBuilder();
    private final char[] buffer = new char[1 << 16]; // read in blocks: Reader.read() per character is slow
    private int position;
    private int limit;
    private long line = 1;

    CsvReader(Reader in) throws IOException {
        this.in = in;
        if (peek() == '\uFEFF') {
            read();
        }
        List<String> header;
        try {
            header = record();
        } catch (BadRow e) {
            throw new UsageException("the CSV header (line 1) is malformed: " + e.getMessage());
        }
        if (header == null) {
            throw new UsageException("the CSV input is empty: it needs a header row naming the columns");
        }
        for (String name : header) {
            if (name == null || name.isBlank()) {
                throw new UsageException("the CSV header has an empty column name: " + header);
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
        long start = line;
        List<String> fields = record();
        if (fields == null) {
            return null;
        }
        if (fields.size() != columns.size()) {
            throw new BadRow(start, raw.toString(), fields.size() + " fields, the header has " + columns.size());
        }
        return new Row(start, raw.toString(), fields.toArray(new String[0]));
    }

    /** One record's fields, or null at the end of the input; {@link #raw} holds its text. */
    private List<String> record() throws IOException, BadRow {
        raw.setLength(0);
        if (peek() < 0) {
            return null;
        }
        long start = line;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        while (true) {
            field.setLength(0);
            boolean quoted = false;
            if (peek() == '"') {
                quoted = true;
                take();
                while (true) {
                    int c = take();
                    if (c < 0) {
                        throw new BadRow(start, raw.toString(), "a quoted field is not closed before the end of the input");
                    }
                    if (c == '"') {
                        if (peek() == '"') {
                            take();
                            field.append('"');
                        } else {
                            break;
                        }
                    } else {
                        field.append((char) c);
                    }
                }
                int after = peek();
                if (after != ',' && after != '\n' && after != '\r' && after >= 0) {
                    skipLine();
                    throw new BadRow(start, raw.toString(), "unexpected text after a quoted field");
                }
            } else {
                for (int c = peek(); c >= 0 && c != ',' && c != '\n' && c != '\r'; c = peek()) {
                    field.append((char) take());
                }
            }
            fields.add(quoted || field.length() > 0 ? field.toString() : null);
            int c = peek();
            if (c == ',') {
                take();
                continue;
            }
            endOfLine();
            return fields;
        }
    }

    /** Consumes LF, CRLF or CR (not part of the row's raw text) and counts the line. */
    private void endOfLine() throws IOException {
        int c = read();
        if (c == '\r' && peek() == '\n') {
            read();
        }
        if (c >= 0) {
            line++;
        }
    }

    private void skipLine() throws IOException {
        for (int c = peek(); c >= 0 && c != '\n' && c != '\r'; c = peek()) {
            take();
        }
        endOfLine();
    }

    /** Reads one character into the row's raw text, counting line breaks inside quoted fields. */
    private int take() throws IOException {
        int c = read();
        if (c >= 0) {
            raw.append((char) c);
            if (c == '\n' || (c == '\r' && peek() != '\n')) {
                line++;
            }
        }
        return c;
    }

    private int peek() throws IOException {
        if (position == limit) {
            limit = in.read(buffer, 0, buffer.length);
            position = 0;
            if (limit <= 0) {
                limit = 0;
                return -1;
            }
        }
        return buffer[position];
    }

    private int read() throws IOException {
        int c = peek();
        if (c >= 0) {
            position++;
        }
        return c;
    }
}
