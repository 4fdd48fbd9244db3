package org.etlworkshop.move;

import org.etlworkshop.EtlException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * PostgreSQL's own COPY text format, passed through untouched: one row per line, for every column
 * of the table in order. A line break inside a value is normally written {@code \n}; a backslash
 * before a real line break escapes it too, and then the row goes on on the next line, as the server
 * reads it. The importer sends the rows as they came; it decodes them only for the INSERT methods.
 * A row that is not UTF-8, holds a NUL byte or is longer than {@code --max-line-bytes} is a reject.
 * The old end-of-data marker {@code \.} may only be the last line: anywhere else the rows after it
 * would be dropped without a word, so the import stops instead.
 */
final class CopyTextReader implements RowReader {
    private final SourceLines in;
    private final long max;
    private final List<String> columns;
    private SourceLines.Line ahead;

    CopyTextReader(InputStream in, long maxLineBytes, List<String> columns) {
        this.in = new SourceLines(in, maxLineBytes);
        this.max = maxLineBytes;
        this.columns = columns;
    }

    @Override
    public List<String> columns() {
        return columns;
    }

    @Override
    public Row next() throws IOException, BadRow {
        SourceLines.Line line = ahead != null ? ahead : in.next();
        ahead = null;
        if (line == null) {
            return null;
        }
        byte[] bytes = line.bytes();
        if (!line.tooLong() && bytes.length == 2 && bytes[0] == '\\' && bytes[1] == '.') {
            ahead = in.next();
            if (ahead == null) {
                return null; // the marker as the last line: the end of the data, as it always was
            }
            throw new EtlException("line " + line.number() + " is \\. (COPY's end-of-data marker) but more lines follow it; "
                    + "remove it, or cut the file there");
        }
        boolean tooLong = line.tooLong();
        if (!tooLong && escapesItsLineBreak(bytes)) {
            ByteArrayOutputStream row = new ByteArrayOutputStream();
            row.write(bytes);
            SourceLines.Line next = line;
            while (!next.tooLong() && escapesItsLineBreak(next.bytes()) && (next = in.next()) != null) {
                tooLong |= next.tooLong() || row.size() + 1 + next.bytes().length > max;
                keep(row, new byte[]{'\n'});
                keep(row, next.bytes());
            }
            bytes = row.toByteArray();
        }
        if (tooLong) {
            throw new BadRow(line.number(), bytes, "the row is longer than --max-line-bytes "
                    + String.format("%,d", max) + " (only its first bytes are kept here)");
        }
        if (SourceLines.nul(bytes, 0, bytes.length) >= 0) {
            throw new BadRow(line.number(), bytes, "a NUL byte (PostgreSQL text cannot hold one)");
        }
        try {
            return new Row(line.number(), SourceLines.utf8(bytes), null);
        } catch (SourceLines.NotUtf8 e) {
            throw new BadRow(line.number(), bytes, e.getMessage());
        }
    }

    /** Appends what fits under --max-line-bytes. */
    private void keep(ByteArrayOutputStream row, byte[] bytes) {
        row.write(bytes, 0, (int) Math.max(0, Math.min(bytes.length, max - row.size())));
    }

    /** An odd number of backslashes at the end: the last one escapes the line break after it. */
    private static boolean escapesItsLineBreak(byte[] bytes) {
        int backslashes = 0;
        for (int i = bytes.length - 1; i >= 0 && bytes[i] == '\\'; i--) {
            backslashes++;
        }
        return backslashes % 2 == 1;
    }
}
