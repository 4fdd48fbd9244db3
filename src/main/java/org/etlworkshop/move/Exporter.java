package org.etlworkshop.move;

import org.etlworkshop.EtlException;
import org.postgresql.PGConnection;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.zip.GZIPOutputStream;
import java.util.OptionalLong;

/**
 * {@code etl export}: {@code COPY (query) TO STDOUT} streamed to a file, standard output or S3, in
 * constant memory, from one consistent snapshot (a repeatable-read, read-only transaction), in any
 * {@link Format} {@code etl import} reads: CSV with a header (NULL as an empty field, the empty
 * string as {@code ""}, as {@code etl import} reads it back), JSON Lines (one {@code row_to_json}
 * object per line), COPY text or COPY binary.
 */
public final class Exporter {
    public record Result(String what, String destination, Format format, long rows, long bytes, Duration elapsed) {
    }

    private Exporter() {
    }

    /** @param query a query, or null to export {@code table} whole */
    public static Result run(DataSource source, String table, String query, Format format, boolean gzip,
                             Destination destination, Importer.Progress progress) {
        long start = System.nanoTime();
        try (Connection connection = source.getConnection()) {
            String relation;
            if (query == null) {
                relation = TableColumns.of(connection, table).quotedName(); // a missing table is a clear error, never SQL
            } else {
                relation = "(" + query + ")";
            }
            String copy = switch (format) {
                case CSV -> "COPY " + relation + " TO STDOUT (FORMAT csv, HEADER)";
                case TEXT -> "COPY " + relation + " TO STDOUT";
                case BINARY -> "COPY " + relation + " TO STDOUT (FORMAT binary)";
                case JSONL -> "COPY (SELECT row_to_json(q) FROM " + relation + " q) TO STDOUT";
            };
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setReadOnly(true);
            long rows;
            Streams.CountingOut counted;
            try (Destination.Sink sink = destination.open()) {
                counted = new Streams.CountingOut(sink);
                OutputStream compressed = gzip ? new GZIPOutputStream(counted, 1 << 16) : counted;
                OutputStream out = format == Format.JSONL ? new JsonLinesFromCopyText(compressed) : compressed;
                rows = connection.unwrap(PGConnection.class).getCopyAPI().copyOut(copy, out);
                out.flush();
                if (compressed instanceof GZIPOutputStream z) {
                    z.finish();
                }
                sink.finish();
            } catch (IOException e) {
                throw Destination.cannotWrite(destination, e);
            } finally {
                connection.rollback(); // read only: nothing to keep
            }
            progress.update(rows, counted.bytes(), OptionalLong.empty());
            return new Result(query == null ? table : "the query", destination.describe(), format, rows, counted.bytes(),
                    Duration.ofNanos(System.nanoTime() - start));
        } catch (SQLException e) {
            throw new EtlException("export failed: " + Importer.serverMessage(e), e);
        }
    }

    /**
     * The text-format COPY of one JSON column back into plain JSON lines: COPY escapes the
     * backslashes a JSON string holds ({@code \\}); JSON itself has no raw tabs or newlines.
     */
    private static final class JsonLinesFromCopyText extends OutputStream {
        private final OutputStream out;
        private boolean escaped;

        JsonLinesFromCopyText(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            if (escaped) {
                escaped = false;
                out.write(switch (b) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    default -> b;
                });
            } else if (b == '\\') {
                escaped = true;
            } else {
                out.write(b);
            }
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            for (int i = offset; i < offset + length; i++) {
                write(bytes[i]);
            }
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }
    }
}
