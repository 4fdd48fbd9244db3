package org.etlworkshop.move;

import org.etlworkshop.EtlException;
import org.postgresql.PGConnection;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;
import java.util.OptionalLong;

/**
 * {@code etl export}: {@code COPY (query) TO STDOUT} streamed to a file, standard output or S3, in
 * constant memory, from one consistent snapshot (a repeatable-read, read-only transaction,
 * {@link ReadOnlySnapshot}; a {@code --query} must be one statement), in any {@link Format}
 * {@code etl import} reads: CSV with a header (NULL as an empty field, the empty string as
 * {@code ""}, as {@code etl import} reads it back), JSON Lines (one object per line), COPY text or
 * COPY binary.
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
        String subquery = query == null ? null : ReadOnlySnapshot.subquery(query); // one statement, or a usage error now
        try (Connection connection = source.getConnection()) {
            // a missing table is a clear error, never SQL
            String relation = query == null ? TableColumns.of(connection, table).quotedName() : subquery;
            ReadOnlySnapshot.begin(connection);
            Map<String, String> types = ReadOnlySnapshot.columns(connection, relation);
            String copy = switch (format) {
                case CSV -> "COPY " + relation + " TO STDOUT (FORMAT csv, HEADER)";
                case TEXT -> "COPY " + relation + " TO STDOUT";
                case BINARY -> "COPY " + relation + " TO STDOUT (FORMAT binary)";
                case JSONL -> "COPY (SELECT " + jsonObject(types) + " FROM " + relation + " q) TO STDOUT";
            };
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
     * One JSON object per row. A {@code json} or {@code jsonb} column keeps its JSON value as it is
     * (a string stays a string, a JSON {@code null} stays {@code null}), so its SQL NULL is told apart
     * by leaving the key out; {@code etl import} reads an absent key of such a column as SQL NULL.
     */
    static String jsonObject(Map<String, String> types) {
        List<String> jsonColumns = types.entrySet().stream().filter(e -> isJson(e.getValue())).map(Map.Entry::getKey).toList();
        if (jsonColumns.isEmpty()) {
            return "row_to_json(q)";
        }
        return "to_jsonb(q) - ARRAY[" + jsonColumns.stream()
                .map(c -> "CASE WHEN q." + TableColumns.quote(c) + " IS NULL THEN '" + c.replace("'", "''") + "' END")
                .collect(Collectors.joining(", ")) + "]::text[]";
    }

    static boolean isJson(String type) {
        return type.equals("json") || type.equals("jsonb");
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
