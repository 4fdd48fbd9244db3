package org.etlworkshop.move;

import org.etlworkshop.EtlException;
import org.etlworkshop.UsageException;
import org.etlworkshop.db.CopyIn;
import org.postgresql.PGConnection;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * {@code etl transfer}: a query's result moved from one database into a table of another with
 * both running at once. The source's {@code COPY (query) TO STDOUT} writes into a
 * {@link BoundedPipe} on one thread while the destination's {@code COPY table FROM STDIN} reads it
 * on another: no temporary file, memory bounded by the pipe, the speed of the slower side.
 *
 * <p>Binary when every column's type is the same on both sides (nothing is parsed), text otherwise
 * (the destination casts). Names and types are checked before anything moves; the destination is
 * written in one transaction (emptied first only when asked to replace) that commits only when the
 * rows received equal the rows sent. The query is one statement (refused otherwise) and runs in a
 * read-only snapshot ({@link ReadOnlySnapshot}), from the column check to the last row.
 */
public final class Transfer {
    private static final int PIPE_CHUNKS = 16; // 16 x 64 KiB in flight at most

    public record Result(String query, String table, boolean binary, boolean append, long rows, Duration elapsed) {
    }

    private Transfer() {
    }

    public static Result run(DataSource from, String query, DataSource to, String table, boolean append) {
        long start = System.nanoTime();
        String subquery = ReadOnlySnapshot.subquery(query); // one statement, or a usage error before connecting
        try (Connection source = from.getConnection(); Connection destination = to.getConnection()) {
            ReadOnlySnapshot.begin(source); // the column check and the COPY: one read-only snapshot
            Map<String, String> sourceTypes = storageTypes(ReadOnlySnapshot.columns(source, subquery));
            TableColumns target = TableColumns.of(destination, table);
            List<String> columns = target.match(new ArrayList<>(sourceTypes.keySet()));
            Map<String, String> targetTypes = storageTypes(ReadOnlySnapshot.columns(destination, target.quotedName()));
            boolean binary = true;
            List<String> mismatched = new ArrayList<>();
            List<String> sourceNames = new ArrayList<>(sourceTypes.keySet());
            for (int i = 0; i < columns.size(); i++) {
                String from_ = sourceTypes.get(sourceNames.get(i)), to_ = targetTypes.get(columns.get(i));
                if (!from_.equals(to_)) {
                    binary = false;
                    if (!castable(destination, from_, to_)) {
                        mismatched.add(sourceNames.get(i) + " " + from_ + " -> " + columns.get(i) + " " + to_);
                    }
                }
            }
            if (!mismatched.isEmpty()) {
                throw new UsageException("the query's columns do not fit " + target + ": " + String.join(", ", mismatched)
                        + " (no cast from the one type to the other); nothing was moved");
            }
            String options = binary ? " (FORMAT binary)" : "";
            destination.setAutoCommit(false);
            try {
                if (!append) {
                    try (Statement statement = destination.createStatement()) {
                        statement.execute("TRUNCATE " + target.quotedName());
                    }
                }
                BoundedPipe pipe = new BoundedPipe(PIPE_CHUNKS);
                CompletableFuture<Long> sent = CompletableFuture.supplyAsync(() -> {
                    OutputStream out = pipe.writer();
                    try {
                        long copied = source.unwrap(PGConnection.class).getCopyAPI()
                                .copyOut("COPY " + subquery + " TO STDOUT" + options, out);
                        out.close(); // the end of data, only once the source has sent all of it
                        return copied;
                    } catch (SQLException | IOException | RuntimeException e) {
                        pipe.fail(e); // never a clean end: the destination must fail too
                        throw new EtlException("reading the source failed: " + Importer.serverMessage(asSql(e)), e);
                    }
                });
                long received;
                try (InputStream in = pipe.reader()) {
                    received = destination.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + target.quotedName()
                            + " " + TableColumns.quotedList(columns) + " FROM STDIN" + options, in, CopyIn.BUFFER_BYTES);
                } catch (SQLException | IOException e) {
                    pipe.fail(e);
                    try {
                        sent.join();
                    } catch (CompletionException sourceFailed) {
                        // the source's failure is the cause; the destination's follows from it
                        throw sourceFailed.getCause() instanceof RuntimeException r ? r : sourceFailed;
                    }
                    throw e;
                }
                long rows = sent.get();
                if (rows != received) {
                    throw new EtlException("the source sent " + rows + " rows but the destination received " + received);
                }
                destination.commit();
                return new Result(query, target.toString(), binary, append, rows, Duration.ofNanos(System.nanoTime() - start));
            } catch (SQLException | IOException | RuntimeException | ExecutionException | InterruptedException e) {
                rollback(destination);
                Throwable cause = e instanceof ExecutionException ex ? ex.getCause() : e;
                if (cause instanceof EtlException etl) {
                    throw new EtlException(etl.getMessage() + "; the destination is as it was (rolled back)", etl);
                }
                throw new EtlException("the transfer failed: " + Importer.serverMessage(asSql(cause))
                        + "; the destination is as it was (rolled back)", cause);
            } finally {
                rollback(source);
            }
        } catch (SQLException e) {
            throw new EtlException("cannot read the query's columns: " + Importer.serverMessage(e), e);
        }
    }

    private static Map<String, String> storageTypes(Map<String, String> pgjdbcNames) {
        Map<String, String> types = new LinkedHashMap<>();
        pgjdbcNames.forEach((column, type) -> types.put(column, storageType(type)));
        return types;
    }

    /** pgjdbc names a bigint column with a sequence default "bigserial": its type is still int8. */
    private static String storageType(String pgjdbcName) {
        return switch (pgjdbcName) {
            case "bigserial" -> "int8";
            case "serial" -> "int4";
            case "smallserial" -> "int2";
            default -> pgjdbcName;
        };
    }

    /** Whether the destination can cast the source's type to the column's (the text format relies on it). */
    private static boolean castable(Connection destination, String from, String to) {
        try (Statement statement = destination.createStatement()) {
            statement.execute("SELECT CAST(CAST(NULL AS " + TableColumns.quote(from) + ") AS " + TableColumns.quote(to) + ")");
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static SQLException asSql(Throwable e) {
        return e instanceof SQLException sql ? sql : new SQLException(e.getMessage(), e);
    }

    private static void rollback(Connection connection) {
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
        } catch (SQLException ignored) {
            // closed: the server rolls back
        }
    }
}
