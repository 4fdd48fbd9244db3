package org.etlworkshop.move;

/** A row the importer itself could not turn into columns (malformed CSV, not a JSON object, a failed conversion). */
final class BadRow extends Exception {
    private final long line;
    private final String raw;

    BadRow(long line, String raw, String reason) {
        super(reason, null, false, false);
        this.line = line;
        this.raw = raw;
    }

    long line() {
        return line;
    }

    String raw() {
        return raw;
    }
}
