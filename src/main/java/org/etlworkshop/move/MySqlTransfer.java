package org.etlworkshop.move;

import org.etlworkshop.EtlException;
import org.etlworkshop.UsageException;
import org.etlworkshop.db.CopyIn;
import org.etlworkshop.measure.RetainedHeapProbe;
import org.postgresql.PGConnection;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code etl transfer --from jdbc:mariadb://...} (or {@code jdbc:mysql://}): a MySQL or MariaDB
 * query's rows into a PostgreSQL table, both running at once. One thread reads the streamed result
 * ({@link MySqlSource}), converts each value by the type table ({@link MySqlTypes}) and encodes the
 * row in binary COPY into a {@link BoundedPipe}; this thread feeds the pipe to the destination's
 * {@code COPY ... FROM STDIN (FORMAT binary)}. Memory: a fetch of rows and the pipe's chunks.
 *
 * <p>All or nothing, as a PostgreSQL transfer: the destination (created with {@code --create-table},
 * emptied first unless appending) is written in one transaction that commits only when the rows
 * received equal the rows sent. A value PostgreSQL cannot hold makes its row a reject, kept as
 * {@code etl import} keeps them (the row in {@code TABLE.rejects}, its number, column, value and
 * reason in {@code TABLE.rejects.log}); one more than {@code --max-rejects} rolls everything back.
 */
public final class MySqlTransfer {
    private static final int PIPE_CHUNKS = 16;

    /**
     * @param query           what to read; or null, and then {@code sourceTable}
     * @param zeroDatesAsNull {@code --zero-dates null} instead of rejecting them
     * @param sourceZone      how a DATETIME is read ({@code --source-time-zone})
     */
    public record Options(String query, String sourceTable, boolean append, boolean createTable, long maxRejects,
                          Path rejectsDir, boolean zeroDatesAsNull, ZoneId sourceZone, boolean retainedHeap) {
    }

    /** @param types each column's PostgreSQL type, by the type table */
    public record Result(String table, List<String> columns, List<String> types, boolean created, long rows, long rejected,
                         Optional<Path> rejectsFile, Optional<Path> rejectsLog, Duration elapsed, OptionalLong retainedHeap) {
        public double rowsPerSecond() {
            return rows / Math.max(1e-9, elapsed.toNanos() / 1e9);
        }
    }

    private MySqlTransfer() {
    }

    public static boolean handles(String url) {
        return MySqlSource.handles(url);
    }

    public static Result run(String sourceUrl, DataSource to, String table, Options options) {
        long start = System.nanoTime();
        String query = options.query() != null ? options.query() : MySqlSource.selectAll(options.sourceTable());
        MySqlValues values = new MySqlValues(options.sourceZone(), options.zeroDatesAsNull());
        try (MySqlSource source = MySqlSource.open(sourceUrl, query, values); Connection destination = to.getConnection();
             Rejects rejects = new Rejects(options.rejectsDir(), table, options.maxRejects(), "row")) {
            List<String> names = source.columns().stream().map(MySqlTypes.Column::name).toList();
            List<String> types = source.postgresTypes();
            destination.setAutoCommit(false);
            try {
                TableColumns target;
                List<String> columns;
                if (options.createTable()) {
                    target = TargetTable.create(destination, table, names, types);
                    columns = names;
                } else {
                    target = TableColumns.of(destination, table);
                    columns = TargetTable.check(target, names, types);
                    if (!options.append()) {
                        try (Statement statement = destination.createStatement()) {
                            statement.execute("TRUNCATE " + target.quotedName());
                        }
                    }
                }
                RetainedHeapProbe probe = new RetainedHeapProbe();
                long rows = copy(source, destination, "COPY " + target.quotedName() + " " + TableColumns.quotedList(columns)
                        + " FROM STDIN (FORMAT binary)", rejects, options.retainedHeap() ? probe : () -> { });
                rejects.flush(); // written before the commit: a failure to write them loads nothing
                destination.commit();
                boolean anyRejects = rejects.count() > 0;
                return new Result(target.toString(), columns, types, options.createTable(), rows, rejects.count(),
                        anyRejects ? Optional.of(rejects.dataFile()) : Optional.empty(),
                        anyRejects ? Optional.of(rejects.logFile()) : Optional.empty(),
                        Duration.ofNanos(System.nanoTime() - start), probe.bytes());
            } catch (UsageException e) {
                rollback(destination);
                throw e;
            } catch (Rejects.TooMany e) {
                rollback(destination);
                throw new EtlException("row " + e.line + " was rejected (" + e.reason + "), more than --max-rejects "
                        + options.maxRejects() + " allows; the destination is as it was (rolled back)");
            } catch (EtlException e) {
                rollback(destination);
                throw new EtlException(e.getMessage() + "; the destination is as it was (rolled back)", e);
            } catch (SQLException | RuntimeException e) {
                rollback(destination);
                throw new EtlException("the transfer failed: " + (e instanceof SQLException sql ? Importer.serverMessage(sql)
                        : e.getMessage()) + "; the destination is as it was (rolled back)", e);
            }
        } catch (SQLException e) {
            throw new EtlException("cannot connect to the destination: " + Importer.serverMessage(e), e);
        }
    }

    /**
     * The two sides at once: a reader thread streams, converts and encodes into the pipe; this
     * thread's COPY takes from it. A failure on either side stops the other, and the first one is
     * the one reported. Returns the rows sent.
     */
    private static long copy(MySqlSource source, Connection destination, String copySql, Rejects rejects, Runnable atEnd)
            throws SQLException {
        BoundedPipe pipe = new BoundedPipe(PIPE_CHUNKS);
        AtomicReference<RuntimeException> sourceFailed = new AtomicReference<>();
        ExecutorService reader = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "mysql-source");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Future<Long> sent = reader.submit(() -> send(source, pipe, rejects, atEnd, sourceFailed));
            long received;
            try (InputStream in = pipe.reader()) {
                received = destination.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql, in, CopyIn.BUFFER_BYTES);
            } catch (SQLException | IOException e) {
                RuntimeException first = sourceFailed.get(); // set before the source failed the pipe: it came first
                pipe.fail(e);
                source.abort(); // a reader waiting on the source's socket stops now
                awaitQuietly(sent);
                if (first != null) {
                    throw first;
                }
                if (e instanceof SQLException sql) {
                    throw sql;
                }
                throw new EtlException("the transfer failed: " + e.getMessage(), e);
            }
            long rows = sent.get();
            if (rows != received) {
                throw new EtlException("the source sent " + rows + " rows but the destination received " + received);
            }
            return rows;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EtlException("interrupted", e);
        } catch (ExecutionException e) {
            throw sourceFailed.get() != null ? sourceFailed.get() : new EtlException("reading the source failed: " + e.getCause(), e);
        } finally {
            reader.shutdownNow();
        }
    }

    /** The reader thread: rows encoded as binary COPY, written into the pipe; the pipe fails instead of ending if anything goes wrong. */
    private static long send(MySqlSource source, BoundedPipe pipe, Rejects rejects, Runnable atEnd,
                             AtomicReference<RuntimeException> failed) {
        long[] sent = {0};
        OutputStream out = pipe.writer();
        try {
            Iterator<Object[]> rows = source.rows(rejects, atEnd);
            try (InputStream encoded = CopyIn.binaryStream(source.columns().size(), rows, (row, copyRow) -> {
                source.encode(row, copyRow);
                sent[0]++;
            })) {
                encoded.transferTo(out);
            }
            out.close(); // the end of data, only once every row is in the pipe
            return sent[0];
        } catch (IOException | RuntimeException e) {
            failed.compareAndSet(null, e instanceof RuntimeException r ? r
                    : new EtlException("reading the source failed: " + e.getMessage(), e));
            pipe.fail(e); // never a clean end: the destination must fail too
            throw failed.get();
        }
    }

    private static void awaitQuietly(Future<Long> sent) {
        try {
            sent.get();
        } catch (ExecutionException ignored) {
            // reported through the failure it recorded
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void rollback(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the connection is gone: the server rolls back
        }
    }
}
