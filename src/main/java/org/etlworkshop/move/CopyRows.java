package org.etlworkshop.move;

import org.etlworkshop.db.CopyIn;
import org.postgresql.PGConnection;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code COPY table (columns) FROM STDIN}, one command per batch, in COPY's text format: the rows
 * of a CSV or JSON Lines source encoded by {@link org.etlworkshop.db.CopyTextRow}, the lines of a
 * COPY-text source sent as they came.
 *
 * <p>Where rejects are allowed and the server is PostgreSQL 17 or later, the COPY says
 * {@code ON_ERROR ignore, LOG_VERBOSITY verbose}: the server skips a row whose value does not fit its
 * column's type (a malformed uuid, a bad timestamp) and says which line in a NOTICE, so such a row
 * costs nothing more. What it does not cover (a wrong number of columns in a passed-through line, a
 * constraint violation) fails the batch, which is bisected ({@link Bisection}).
 */
final class CopyRows implements ImportMethod {
    // PostgreSQL 17: NOTICE:  skipping row due to data type incompatibility at line 3 for column "id": "abc"
    private static final Pattern SKIPPED = Pattern.compile("skipping row .* at line (\\d+)");

    private final String copySql;

    CopyRows(Into into) {
        this.copySql = "COPY " + into.table().quotedName() + " " + TableColumns.quotedList(into.columns()) + " FROM STDIN"
                + (into.serverSkipsBadValues() ? " (ON_ERROR ignore, LOG_VERBOSITY verbose)" : "");
    }

    @Override
    public int batchRows() {
        return Importer.BATCH_ROWS;
    }

    /** What the server refuses as a whole is bisected to the rows to blame. */
    @Override
    public long load(Connection connection, List<Row> batch, Rejects rejects) throws SQLException {
        return Bisection.load(connection, batch, rejects, this::send);
    }

    private long send(Connection connection, List<Row> batch, Rejects rejects) throws SQLException {
        connection.clearWarnings();
        long copied;
        try {
            copied = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql, encoded(batch), CopyIn.BUFFER_BYTES);
        } catch (IOException e) {
            throw new SQLException("COPY failed: " + e.getMessage(), e);
        }
        for (SQLWarning w = connection.getWarnings(); w != null; w = w.getNextWarning()) {
            Matcher skipped = SKIPPED.matcher(w.getMessage());
            if (skipped.find()) {
                Row row = batch.get(Integer.parseInt(skipped.group(1)) - 1);
                // "skipping row due to data type incompatibility at line 3 for column ..." names the batch's line: drop it
                rejects.add(row.line(), row.raw(), w.getMessage().replaceFirst("^skipping row due to ", "")
                        .replaceFirst(" at line \\d+", ""));
            }
        }
        return copied;
    }

    private static InputStream encoded(List<Row> batch) {
        if (!batch.isEmpty() && batch.get(0).values() == null) { // COPY text lines, passed through
            return new SequenceInputStream(Collections.enumeration(batch.stream()
                    .map(r -> (InputStream) new ByteArrayInputStream((r.raw() + "\n").getBytes(StandardCharsets.UTF_8))).toList()));
        }
        return CopyIn.textStream(batch.iterator(), (row, out) -> {
            for (String value : row.values()) {
                out.text(value);
            }
        });
    }
}
