package org.etlworkshop.move;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.List;

/**
 * PostgreSQL's own COPY text format, passed through untouched: one row per line (line breaks
 * inside values are escaped, so a line is always a row), for every column of the table in order.
 * The importer sends the lines as they came; it decodes them only for the INSERT methods.
 */
final class CopyTextReader implements RowReader {
    private final BufferedReader in;
    private final List<String> columns;
    private long line;

    CopyTextReader(BufferedReader in, List<String> columns) {
        this.in = in;
        this.columns = columns;
    }

    @Override
    public List<String> columns() {
        return columns;
    }

    @Override
    public Row next() throws IOException {
        String text = in.readLine();
        if (text == null || text.equals("\\.")) { // \. is the old end-of-data marker
            return null;
        }
        line++;
        return new Row(line, text, null);
    }
}
