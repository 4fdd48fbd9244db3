package org.etlworkshop.move;

import java.util.Arrays;

/**
 * The "line N" of the server's COPY errors, told back as the row it names. PostgreSQL counts one per
 * row it reads, and in CSV also each line break inside a quoted field, but only the kind its input
 * ends lines with, which it learns at the first line end outside quotes: until then a quoted CR
 * counts, after a LF-ended line a quoted LF (copyfromparse.c: "necessarily a little fragile"). A
 * CSV row with a quoted line break in the first row is one line to the server, in a later row two.
 * Fed the bytes exactly as the server is sent them; keeps one entry per row whose count jumped.
 */
final class ServerLineCount {
    private static final int UNKNOWN = 0, LF = 1, CR = 2;

    private final boolean csv;
    private boolean quoted;
    private boolean afterCr;
    private int eol = UNKNOWN;
    private long rows;
    private long extra; // quoted line breaks the server counted, in the rows so far
    private long extraInRow;
    // rows after which the count jumped, and the extra count up to and including them
    private long[] jumpRows = new long[16];
    private long[] jumpExtra = new long[16];
    private int jumps;

    ServerLineCount(boolean csv) {
        this.csv = csv;
    }

    /** The next bytes sent; rows end where the server's do (a COPY-text row's escaped line break is its watcher's business). */
    void accept(byte[] b, int off, int len) {
        if (!csv) {
            return; // COPY text: the server counts rows only
        }
        for (int i = off; i < off + len; i++) {
            byte c = b[i];
            if (c == '"') {
                quoted = !quoted;
            } else if (quoted) {
                if (c == (eol == LF ? '\n' : '\r')) {
                    extraInRow++;
                }
            } else if (c == '\r') {
                if (eol == UNKNOWN) {
                    eol = CR; // or CR LF: either way a quoted CR counts
                }
                afterCr = true;
                rowEnded();
                continue;
            } else if (c == '\n') {
                if (!afterCr) {
                    if (eol == UNKNOWN) {
                        eol = LF;
                    }
                    rowEnded();
                }
            }
            afterCr = false;
        }
    }

    private void rowEnded() {
        rows++;
        if (extraInRow > 0) {
            extra += extraInRow;
            extraInRow = 0;
            if (jumps == jumpRows.length) {
                jumpRows = Arrays.copyOf(jumpRows, jumps * 2);
                jumpExtra = Arrays.copyOf(jumpExtra, jumps * 2);
            }
            jumpRows[jumps] = rows;
            jumpExtra[jumps] = extra;
            jumps++;
        }
    }

    /** The row (1-based, of the rows this was fed) that the server's "line {@code line}" names. */
    long rowOf(long line) {
        // row k is line k + (extra up to k); the extra is constant between jumps
        long before = 0; // the extra of the rows before the answer
        for (int i = 0; i < jumps && jumpRows[i] + jumpExtra[i] <= line; i++) {
            before = jumpExtra[i];
            if (jumpRows[i] + jumpExtra[i] == line) {
                return jumpRows[i];
            }
        }
        return line - before;
    }
}
