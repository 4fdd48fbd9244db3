package org.etlworkshop.move;

import java.nio.charset.StandardCharsets;

/**
 * A row the importer itself could not turn into columns (malformed CSV, not a JSON object, invalid
 * UTF-8, a NUL byte, a line too long, a failed conversion), with its bytes as they came, for the
 * rejects file.
 */
final class BadRow extends Exception {
    private final long line;
    private final byte[] raw;

    BadRow(long line, String raw, String reason) {
        this(line, raw.getBytes(StandardCharsets.UTF_8), reason);
    }

    BadRow(long line, byte[] raw, String reason) {
        super(reason, null, false, false);
        this.line = line;
        this.raw = raw;
    }

    long line() {
        return line;
    }

    /** The source's bytes, verbatim (cut at {@code --max-line-bytes} for a line longer than that). */
    byte[] raw() {
        return raw;
    }
}
