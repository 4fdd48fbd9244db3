package org.etlworkshop.move;

import org.etlworkshop.UsageException;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * A CSV or COPY text byte stream cut into blocks of whole rows, for several COPY connections to parse
 * side by side ({@link ParallelCopy}): timescaledb-parallel-copy's technique. A row ends at a newline
 * that is not inside a CSV quoted field (a {@code "} opens one and the next closes it; a doubled
 * {@code ""} inside one closes and reopens it, so the parity holds) or, in COPY text, not escaped by
 * a backslash (an odd number of them before it). The rows are only found, never parsed: the server
 * parses them, each connection its own blocks.
 */
final class RowBlocks {
    /**
     * @param bytes    whole rows, up to {@code length}; the source's last row may lack its newline
     * @param firstRow the source's row number (1-based, data rows only) of its first row
     * @param rows     the rows it holds
     * @param lines    the lines it holds, as the server counts them in its error messages: in CSV a quoted
     *                 field's newline starts a line too, in COPY text a row is a line
     */
    record Block(byte[] bytes, int length, long firstRow, long rows, long lines) {
    }

    /**
     * The most a block may grow to while looking for a row's end. An unterminated quoted field, or
     * lines that end in a bare carriage return (which are not split here), would otherwise be read
     * into one block whole, however large the source: refused instead, before anything is committed.
     */
    static final int MOST_BYTES = 256 << 20;

    private final InputStream in;
    private final boolean csv;
    private final int size;
    private final int most;
    private byte[] carry = new byte[0]; // the start of a row the last block could not hold whole
    private long rowsBefore;

    /** @param size about how many bytes a block holds (more when a single row is longer) */
    RowBlocks(InputStream in, Format format, int size) {
        this(in, format, size, MOST_BYTES);
    }

    /** @param most the most bytes a block may grow to while one row has not ended */
    RowBlocks(InputStream in, Format format, int size, int most) {
        this.in = in;
        this.csv = format == Format.CSV;
        this.size = size;
        this.most = most;
    }

    /** The next block, or null at the end of the stream. */
    Block next() throws IOException {
        byte[] buffer = Arrays.copyOf(carry, Math.max(size, 2 * carry.length));
        int length = carry.length;
        while (true) {
            int read = in.readNBytes(buffer, length, buffer.length - length);
            length += read;
            boolean end = length < buffer.length;
            long[] found = rowEnds(buffer, length); // {rows, where the last of them ends, newlines up to there}
            if (end || found[0] > 0) {
                int cut = end ? length : (int) found[1];
                boolean unterminated = end && cut > found[1]; // a last row without its newline
                long rows = found[0] + (unterminated ? 1 : 0);
                long lines = (csv ? found[2] : found[0]) + (unterminated ? 1 : 0);
                carry = Arrays.copyOfRange(buffer, cut, length);
                if (cut == 0) {
                    return null;
                }
                Block block = new Block(buffer, cut, rowsBefore + 1, rows, lines);
                rowsBefore += rows;
                return block;
            }
            if (buffer.length >= most) {
                throw new UsageException(String.format("no row ends within %s after row %,d, so the source cannot be "
                        + "split over --workers connections (an unterminated quoted field, a row longer than that, or "
                        + "lines that end in a bare carriage return); import it without --workers", mib(most), rowsBefore));
            }
            // one row longer than the block: read on
            buffer = Arrays.copyOf(buffer, (int) Math.min(most, 2L * buffer.length));
        }
    }

    private static String mib(int bytes) {
        return bytes >= 1 << 20 ? (bytes >> 20) + " MiB" : bytes + " bytes";
    }

    /**
     * How many rows end in {@code bytes[0, length)}, which starts at a row's start, the offset after the last,
     * and how many newlines (quoted ones included) come before that offset.
     */
    private long[] rowEnds(byte[] bytes, int length) {
        long rows = 0, newlines = 0, newlinesAtLast = 0;
        int last = 0;
        boolean quoted = false, escaped = false;
        for (int i = 0; i < length; i++) {
            byte b = bytes[i];
            if (csv) {
                if (b == '"') {
                    quoted = !quoted;
                } else if (b == '\n') {
                    newlines++;
                    if (!quoted) {
                        rows++;
                        last = i + 1;
                        newlinesAtLast = newlines;
                    }
                }
            } else if (escaped) {
                escaped = false; // the escaped byte, a newline included, is data
            } else if (b == '\\') {
                escaped = true;
            } else if (b == '\n') {
                rows++;
                last = i + 1;
            }
        }
        return new long[] {rows, last, newlinesAtLast};
    }
}
