package org.etlworkshop.move;

/**
 * One row of an import, as it goes to the server and as it came: {@code raw} is the source text,
 * verbatim, for the rejects file; {@code line} is where it starts in the source (1-based).
 * {@code values} are in the import's column order, null for SQL NULL; null itself for a COPY-text
 * line passed through untouched ({@code raw} is then the line the server reads).
 */
record Row(long line, String raw, String[] values) {
}
