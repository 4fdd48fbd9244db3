package org.etlworkshop.move;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.function.LongUnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A CSV or COPY-text source on its way to the server untouched ({@link Importer}'s pass-through),
 * watched line by line as it goes, at the cost of one comparison per byte:
 * <ul>
 *   <li>a line longer than {@code --max-line-bytes} stops the import (the server would buffer it
 *       whole, up to its 1 GB limit);</li>
 *   <li>a {@code \.} line, COPY's old end-of-data marker, is dropped when it is the last line and
 *       stops the import anywhere else: a server before PostgreSQL 18 silently ignores what follows
 *       it, PostgreSQL 18 reads it as data;</li>
 *   <li>the server's "line N" is not the source's line: it counts rows, and in CSV some of the line
 *       breaks inside quoted fields ({@link ServerLineCount}); a row may take several lines (a quoted
 *       CSV line break, or one after a backslash in COPY text), so the rows that did are noted, and
 *       the server's "line N" is told as the source's line of the row it names;</li>
 *   <li>for CSV, the line where a still-open quote began is kept, so that the server's
 *       "unterminated CSV quoted field", which it reports at the end of the input, is reported
 *       where the quote is.</li>
 * </ul>
 * A COPY binary source is passed on unwatched.
 */
final class WatchedLines extends FilterInputStream {
    private static final Pattern SERVER_LINE = Pattern.compile("(\\[COPY [^,]*, line )(\\d+)");

    /** The import stopped here, at this line of the source. */
    static final class Refused extends IOException {
        final long line;

        Refused(long line, String message) {
            super(message);
            this.line = line;
        }
    }

    /** Where a pass-through failed, in the source's lines, and why. */
    record Located(long line, String why) {
    }

    private final boolean watch;
    private final boolean csv;
    private final long max;
    private final long firstLine;
    private final ServerLineCount serverLines;
    private long line;
    private long lineBytes;
    private boolean quoted;
    private boolean escaped;
    private long quoteLine;
    private boolean ended;
    private boolean recordStart = true;
    private long records;
    private long recordLine;
    // the server counts rows, not lines: where a row took more than one line (a quoted CSV line break, a
    // backslash before a COPY-text line break), the row's number and the extra lines of all rows up to it
    private long[] multiLineRows = new long[16];
    private long[] extraLines = new long[16];
    private int logged;
    private boolean logFull;

    /** @param firstLine the source's line number of the first byte read through this (2 after a one-line CSV header) */
    WatchedLines(BufferedInputStream in, Format format, long maxLineBytes, long firstLine) {
        super(in);
        this.watch = format == Format.CSV || format == Format.TEXT;
        this.csv = format == Format.CSV;
        this.max = maxLineBytes;
        this.firstLine = firstLine;
        this.line = firstLine;
        this.recordLine = firstLine;
        this.serverLines = new ServerLineCount(csv);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (ended) {
            return -1;
        }
        int n = super.read(b, off, len);
        if (n <= 0 || !watch) {
            return n;
        }
        int end = off + n;
        for (int i = off; i < end; i++) {
            byte c = b[i];
            if (recordStart && c == '\\' && isMarker(b, i, end)) {
                ended = true;
                serverLines.accept(b, off, i - off);
                return i == off ? -1 : i - off;
            }
            recordStart = false;
            boolean wasEscaped = escaped;
            if (csv) {
                if (c == '"') {
                    quoted = !quoted;
                    quoteLine = quoted ? line : quoteLine;
                }
            } else {
                escaped = !wasEscaped && c == '\\';
            }
            if (c == '\n') {
                line++;
                lineBytes = 0;
                if (csv ? !quoted : !wasEscaped) {
                    rowEnded();
                }
            } else if (++lineBytes > max) {
                throw new Refused(line, "line " + line + " is longer than --max-line-bytes " + String.format("%,d", max)
                        + ": is this " + (csv ? "CSV" : "COPY text") + ", with line breaks?");
            }
        }
        serverLines.accept(b, off, n);
        return n;
    }

    private void rowEnded() {
        records++;
        if (line - recordLine > 1 && !logFull) {
            if (logged == multiLineRows.length) {
                if (logged == 1 << 20) { // 16 MiB of bookkeeping: past this, later lines are counted as rows
                    logFull = true;
                    return;
                }
                multiLineRows = Arrays.copyOf(multiLineRows, logged * 2);
                extraLines = Arrays.copyOf(extraLines, logged * 2);
            }
            multiLineRows[logged] = records;
            extraLines[logged] = (logged == 0 ? 0 : extraLines[logged - 1]) + line - recordLine - 1;
            logged++;
        }
        recordLine = line;
        recordStart = true;
    }

    /** The source's line where data row {@code row} (1-based, as the server counts rows) starts. */
    long lineOfRow(long row) {
        int i = Arrays.binarySearch(multiLineRows, 0, logged, row - 1);
        int last = i >= 0 ? i : -i - 2; // the last multi-line row before this one
        return firstLine + row - 1 + (last < 0 ? 0 : extraLines[last]);
    }

    /**
     * Whether the line starting at {@code i} is {@code \.} and the last line; throws when it is
     * {@code \.} with more lines after it.
     */
    private boolean isMarker(byte[] b, int i, int end) throws IOException {
        byte[] next = ahead(b, i + 1, end, 4); // '.', then '\n' or "\r\n", then whether anything follows
        if (next.length < 1 || next[0] != '.') {
            return false;
        }
        int eol = next.length == 1 ? 0 : next[1] == '\n' ? 1 : next[1] == '\r' && next.length > 2 && next[2] == '\n' ? 2 : -1;
        if (eol < 0) {
            return false;
        }
        if (next.length > 1 + eol) {
            throw new Refused(line, "line " + line + " is \\. (COPY's end-of-data marker) but more lines follow it; remove "
                    + "it, or cut the file there");
        }
        return true;
    }

    /** Up to {@code count} bytes from {@code from}: those left in the buffer, then a peek at the stream's next ones. */
    private byte[] ahead(byte[] b, int from, int end, int count) throws IOException {
        int inBuffer = Math.max(0, Math.min(count, end - from));
        byte[] next = new byte[count];
        System.arraycopy(b, from, next, 0, inBuffer);
        int got = inBuffer;
        if (got < count) {
            in.mark(count);
            byte[] peeked = in.readNBytes(count - got);
            in.reset();
            System.arraycopy(peeked, 0, next, got, peeked.length);
            got += peeked.length;
        }
        return Arrays.copyOf(next, got);
    }

    /** The failure of the COPY this fed, in the source's lines: the server counts the lines it was sent. */
    Located locate(String why, Throwable failure) {
        return locate(why, failure, serverLines::rowOf);
    }

    /**
     * The same, for a COPY fed only part of what this read ({@link ParallelCopy}'s connections):
     * {@code rowOf} tells the server's "line N" as the source's data row (below 1: unknown).
     */
    Located locate(String why, Throwable failure, LongUnaryOperator rowOf) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof Refused refused) {
                return new Located(refused.line, refused.getMessage());
            }
        }
        if (csv && why.contains("unterminated CSV quoted field") && quoteLine > 0) {
            return new Located(quoteLine, SERVER_LINE.matcher(why).replaceFirst("$1" + quoteLine)
                    + " (the quote opened on line " + quoteLine + ")");
        }
        Matcher server = SERVER_LINE.matcher(why);
        if (server.find()) {
            long row = rowOf.applyAsLong(Long.parseLong(server.group(2)));
            if (row >= 1) {
                long sourceLine = lineOfRow(row);
                return new Located(sourceLine, server.replaceFirst("$1" + sourceLine));
            }
        }
        return new Located(line, why);
    }
}
