package org.etlworkshop.move;

import org.etlworkshop.EtlException;
import org.etlworkshop.UsageException;
import org.etlworkshop.db.CopyIn;
import org.etlworkshop.db.TwoPhaseCommit;
import org.etlworkshop.measure.RetainedHeapProbe;
import org.postgresql.PGConnection;

import javax.sql.DataSource;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.postgresql.util.PSQLException;

/**
 * {@code etl import}: a source's bytes straight into {@code COPY}, as they arrive. The source is
 * opened once and read as a stream (gzip recognised from its bytes), parsed one row at a time
 * into batches of {@link #BATCH_ROWS}, and each batch sent by the chosen method, so memory holds
 * one batch whatever the size of the input; no temporary file is written.
 *
 * <p>Atomic: every batch goes into one transaction, committed at the end; a bad row beyond
 * {@code --max-rejects}, a network failure or a timeout rolls it all back and says how far it got.
 * A row the server refuses is found by bisecting its batch under a savepoint (a few re-sends,
 * not a row-by-row reload) and written verbatim to the rejects file with the server's message;
 * every good row is loaded once.
 */
public final class Importer {
    /** Prepared-transaction ids of {@code --workers} imports start with this. */
    static final String PREPARED_PREFIX = "etl-import-";

    /** A loading worker's failure, carried to the reading thread. */
    private static final class WorkerFailed extends RuntimeException {
        WorkerFailed(Throwable cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** Rows per batch: one COPY command (or JDBC batch) each, and what one bad row costs to bisect. */
    static final int BATCH_ROWS = 10_000;
    /** A batch also ends at this many bytes of row text, so memory is bounded for wide rows too. */
    static final long BATCH_CHARS = 8L << 20;

    public enum Method {
        /** COPY FROM STDIN, one command per batch (the default). */
        COPY,
        /** JDBC batches with reWriteBatchedInserts. */
        BATCH,
        /** One INSERT and one commit per row: the one method that is not atomic. */
        ROW
    }

    /**
     * @param format       null to detect it
     * @param maxRejects   bad rows tolerated (0: the first one fails the import)
     * @param rejectsDir   where {@code <source>.rejects} and {@code .rejects.log} go
     * @param retainedHeap a full GC when the last row has been read, to measure what the import holds
     */
    public record Options(ImportFormat format, List<ColumnMappingSpec> maps, List<String> where, Method method,
                          long maxRejects, Path rejectsDir, boolean retainedHeap, int workers, long maxLineBytes) {

        /** The longest line (a CSV record with its quoted line breaks) an import holds, unless {@code --max-line-bytes} says. */
        public static final long DEFAULT_MAX_LINE_BYTES = 16L << 20;

        public Options(ImportFormat format, List<ColumnMappingSpec> maps, List<String> where, Method method,
                       long maxRejects, Path rejectsDir, boolean retainedHeap, int workers) {
            this(format, maps, where, method, maxRejects, rejectsDir, retainedHeap, workers, DEFAULT_MAX_LINE_BYTES);
        }

        public Options(ImportFormat format, List<ColumnMappingSpec> maps, List<String> where, Method method,
                       long maxRejects, Path rejectsDir, boolean retainedHeap) {
            this(format, maps, where, method, maxRejects, rejectsDir, retainedHeap, 1);
        }
    }

    /** {@code --map} as given: parsed when the import starts. */
    public record ColumnMappingSpec(String spec) {
    }

    /**
     * @param rowsFiltered lines left out by {@code --where}
     * @param retainedHeap live heap after a full GC once every row was read, when asked for
     * @param recovered    what was done with prepared transactions an interrupted {@code --workers} import left
     */
    public record Result(String source, String table, ImportFormat format, Method method, List<String> columns,
                         long rowsLoaded, long rowsRejected, long rowsFiltered, long bytesRead, Duration elapsed,
                         Optional<Path> rejectsFile, Optional<Path> rejectsLog, OptionalLong retainedHeap,
                         List<String> recovered) {
        public double rowsPerSecond() {
            double seconds = elapsed.toNanos() / 1e9;
            return seconds == 0 ? 0 : rowsLoaded / seconds;
        }
    }

    /** Rows and source bytes so far, and the source's size when known; called once per batch. */
    public interface Progress {
        Progress NONE = (rows, bytes, total) -> { };

        void update(long rows, long bytes, OptionalLong totalBytes);
    }

    private Importer() {
    }

    public static Result run(Source source, DataSource target, String table, Options options, Progress progress) {
        long start = System.nanoTime();
        try (Connection connection = target.getConnection()) {
            // An earlier --workers import killed between PREPARE and COMMIT PREPARED holds its locks until finished.
            connection.setAutoCommit(true);
            List<String> recovered = TwoPhaseCommit.recover(connection, PREPARED_PREFIX);
            TableColumns columns = TableColumns.of(connection, table);
            Streams.Counting counted;
            BufferedInputStream bytes;
            try {
                counted = new Streams.Counting(source.open());
                bytes = Streams.gunzipIfCompressed(counted);
            } catch (IOException e) {
                throw new EtlException("cannot read " + source.describe() + ": " + e.getMessage(), e);
            }
            try (InputStream closing = bytes; Rejects rejects = new Rejects(options.rejectsDir(), source.fileName(), options.maxRejects())) {
                ImportFormat format = options.format() != null ? options.format()
                        : ImportFormat.detect(source.fileName(), Streams.peek(bytes, ImportFormat.BINARY_SIGNATURE.length + 3));
                Run run = new Run(source, counted, columns, options, progress, rejects, target, recovered);
                if (format == ImportFormat.BINARY || (format != ImportFormat.JSONL && run.serverCanParseItAll())) {
                    return run.passedThrough(connection, bytes, format, start);
                }
                return run.rows(connection, RowReaders.open(format, bytes, columns, options), format, start);
            } catch (IOException e) {
                throw new EtlException("cannot read " + source.describe() + ": " + e.getMessage(), e);
            }
        } catch (SQLException e) {
            throw new EtlException("cannot connect to the target database: " + e.getMessage(), e);
        }
    }

    /** One import in progress: its counters, and the batches as they are sent. */
    private static final class Run {
        private final Source source;
        private final Streams.Counting counted;
        private final TableColumns table;
        private final Options options;
        private final Progress progress;
        private final Rejects rejects;
        private final DataSource target;
        private final List<String> recovered;
        private long loaded;
        private long lastLine;

        Run(Source source, Streams.Counting counted, TableColumns table, Options options, Progress progress, Rejects rejects,
            DataSource target, List<String> recovered) {
            this.target = target;
            this.recovered = recovered;
            this.source = source;
            this.counted = counted;
            this.table = table;
            this.options = options;
            this.progress = progress;
            this.rejects = rejects;
        }

        Result rows(Connection connection, RowReader reader, ImportFormat format, long start) throws SQLException {
            List<String> columns = table.match(reader.columns());
            if (format == ImportFormat.TEXT && options.method() == Method.COPY) {
                columns = table.names();
            }
            boolean atomic = options.method() != Method.ROW;
            ImportMethod method = options.method() == Method.BATCH ? new BatchedInserts(table, columns)
                    : new CopyRows(table, columns, options.maxRejects() > 0 && supportsOnError(connection));
            if (options.workers() > 1 && !atomic) {
                throw new UsageException("--workers needs an atomic method (copy or batch): --method row commits row by row");
            }
            Workers workers = options.workers() > 1 ? new Workers(target, connection, options.workers(), method, columns) : null;
            connection.setAutoCommit(!atomic || workers != null);
            RetainedHeapProbe probe = new RetainedHeapProbe();
            try (PreparedStatement rowInsert = atomic ? null : connection.prepareStatement(BatchedInserts.insertSql(table, columns))) {
                List<Row> batch = new ArrayList<>();
                long chars = 0;
                while (true) {
                    Row row;
                    try {
                        row = reader.next();
                    } catch (BadRow bad) {
                        lastLine = bad.line();
                        rejects.add(bad.line(), bad.raw(), bad.getMessage());
                        continue;
                    }
                    if (row == null) {
                        break;
                    }
                    lastLine = row.line();
                    if (!atomic) {
                        insertAndCommit(rowInsert, row);
                        continue;
                    }
                    if (workers != null) {
                        workers.add(row);
                        if (row.line() % BATCH_ROWS == 0) {
                            progress.update(workers.loaded(), counted.bytes(), source.size());
                        }
                        continue;
                    }
                    batch.add(row);
                    chars += row.raw().length();
                    if (batch.size() == BATCH_ROWS || chars > BATCH_CHARS) {
                        loaded += bisected(connection, method, batch);
                        rejects.flush();
                        batch = new ArrayList<>();
                        chars = 0;
                        progress.update(loaded, counted.bytes(), source.size());
                    }
                }
                if (!batch.isEmpty()) {
                    loaded += bisected(connection, method, batch);
                }
                if (options.retainedHeap()) {
                    probe.run();
                }
                if (workers != null) {
                    loaded = workers.finishAllOrNothing();
                } else if (atomic) {
                    connection.commit();
                }
                rejects.flush();
                progress.update(loaded, counted.bytes(), source.size());
            } catch (Rejects.TooMany e) {
                abandon(workers);
                throw rolledBack(connection, atomic, "line " + e.line + " was rejected (" + e.reason + "), more than --max-rejects "
                        + options.maxRejects() + " allows", null);
            } catch (SQLException | RuntimeException e) {
                abandon(workers);
                Throwable cause = e instanceof WorkerFailed w ? w.getCause() : e;
                if (cause instanceof Rejects.TooMany tooMany) {
                    throw rolledBack(connection, atomic, "line " + tooMany.line + " was rejected (" + tooMany.reason
                            + "), more than --max-rejects " + options.maxRejects() + " allows", null);
                }
                throw rolledBack(connection, atomic, failure(cause instanceof Exception ex ? ex : e), cause);
            } catch (IOException e) {
                abandon(workers);
                throw rolledBack(connection, atomic, "the source failed: " + e.getMessage(), e);
            }
            long filtered = reader instanceof JsonLinesReader json ? json.filtered() : 0;
            return result(format, columns, filtered, start, probe);
        }

        /**
         * With no reject to keep and COPY as the method, nothing needs the rows one by one: the
         * source's bytes go to the server untouched and PostgreSQL parses them itself, as psql's
         * {@code \\copy} would have it do. A bad row then fails the whole import with the server's message.
         */
        boolean serverCanParseItAll() {
            return options.maxRejects() == 0 && options.method() == Method.COPY && options.workers() == 1;
        }

        /** One COPY of the whole stream: binary and COPY text as they are, CSV after its header (matched to the table's columns). */
        Result passedThrough(Connection connection, BufferedInputStream bytes, ImportFormat format, long start)
                throws SQLException, IOException {
            if (format == ImportFormat.BINARY && !serverCanParseItAll()) {
                throw new UsageException("a binary COPY source is passed through whole, with --method copy, no rejects and one "
                        + "worker: the server takes all of it or none");
            }
            CsvHeader.Header header = format == ImportFormat.CSV ? CsvHeader.read(bytes, this.options.maxLineBytes()) : null;
            List<String> columns = header != null ? table.match(header.columns()) : table.names();
            WatchedLines watched = new WatchedLines(bytes, format, this.options.maxLineBytes(), header == null ? 1 : header.lines() + 1);
            String options = switch (format) {
                case BINARY -> " (FORMAT binary)";
                case CSV -> " (FORMAT csv)";
                default -> "";
            };
            connection.setAutoCommit(false);
            RetainedHeapProbe probe = new RetainedHeapProbe();
            try {
                loaded = connection.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + table.quotedName() + " "
                        + TableColumns.quotedList(columns) + " FROM STDIN" + options,
                        new Streams.Reporting(watched, read -> progress.update(0, counted.bytes(), source.size())), CopyIn.BUFFER_BYTES);
                if (this.options.retainedHeap()) {
                    probe.run();
                }
                connection.commit();
            } catch (SQLException | IOException e) {
                WatchedLines.Located located = watched.locate(failure(e), e); // in the source's lines, not the server's
                lastLine = located.line();
                throw rolledBack(connection, true, located.why(), e);
            }
            progress.update(loaded, counted.bytes(), source.size());
            return result(format, columns, 0, start, probe);
        }

        private void abandon(Workers workers) {
            if (workers != null) {
                loaded = workers.abandon();
            }
        }

        /**
         * {@code --workers N}: the reading thread (this one) parses and hands batches to N loading
         * connections, each through its own queue of at most two batches: when the loaders fall behind,
         * the reader waits (back-pressure) instead of filling the heap. Rows are routed by a hash of
         * their primary key, so two rows with the same key always meet in the same worker's transaction
         * (a duplicate is then an ordinary reject) instead of one worker waiting forever on the other's
         * uncommitted row. Each worker loads in its own transaction; at the end all are prepared and
         * only then committed ({@link TwoPhaseCommit}): all or nothing.
         */
        private final class Workers {
            private static final List<Row> DONE = List.of();
            private final List<BlockingQueue<List<Row>>> queues = new ArrayList<>();
            private final List<List<Row>> filling = new ArrayList<>();
            private final List<Future<Long>> running = new ArrayList<>();
            private final ExecutorService threads;
            private final AtomicLong written = new AtomicLong();
            private final List<Connection> connections = new ArrayList<>();
            private final TwoPhaseCommit commit;
            private final Connection coordinator;
            private final int[] keyColumns;
            private long next;
            private volatile boolean stopping;

            Workers(DataSource target, Connection coordinator, int count, ImportMethod method, List<String> columns)
                    throws SQLException {
                this.coordinator = coordinator;
                coordinator.setAutoCommit(true);
                this.commit = TwoPhaseCommit.begin(coordinator, PREPARED_PREFIX, count);
                this.keyColumns = table.primaryKey().stream().mapToInt(columns::indexOf).toArray();
                this.threads = Executors.newFixedThreadPool(count);
                for (int i = 1; i <= count; i++) {
                    BlockingQueue<List<Row>> queue = new ArrayBlockingQueue<>(2);
                    queues.add(queue);
                    filling.add(new ArrayList<>());
                    Connection worker = target.getConnection();
                    worker.setAutoCommit(false);
                    try (Statement statement = worker.createStatement()) {
                        // a conflict the key routing cannot prevent (another unique index) fails instead of waiting forever
                        statement.execute("SET lock_timeout = '10s'");
                    }
                    connections.add(worker);
                    int number = i;
                    running.add(threads.submit(() -> work(worker, number, queue, method)));
                }
            }

            private long work(Connection worker, int number, BlockingQueue<List<Row>> queue, ImportMethod method) throws Exception {
                long mine = 0;
                while (true) {
                    List<Row> batch = queue.take();
                    if (batch == DONE) {
                        if (!stopping) {
                            commit.prepare(worker, number);
                        }
                        return mine;
                    }
                    if (stopping) {
                        continue;
                    }
                    long n = bisected(worker, method, batch);
                    mine += n;
                    written.addAndGet(n);
                    rejects.flush();
                }
            }

            /** Routes the row to its worker; a full batch is queued (waiting while that worker is behind). */
            void add(Row row) throws SQLException {
                int worker = workerOf(row);
                List<Row> batch = filling.get(worker);
                batch.add(row);
                if (batch.size() == BATCH_ROWS) {
                    put(worker, batch);
                    filling.set(worker, new ArrayList<>());
                }
            }

            private int workerOf(Row row) throws SQLException {
                if (keyColumns.length == 0 || Arrays.stream(keyColumns).anyMatch(i -> i < 0)) {
                    return (int) (next++ / BATCH_ROWS % queues.size()); // no key among the columns: batch by batch
                }
                String[] values = BatchedInserts.values(row);
                int hash = 1;
                for (int i : keyColumns) {
                    hash = 31 * hash + (i < values.length && values[i] != null ? values[i].hashCode() : 0);
                }
                return Math.floorMod(hash, queues.size());
            }

            private void put(int worker, List<Row> batch) throws SQLException {
                try {
                    while (!queues.get(worker).offer(batch, 100, TimeUnit.MILLISECONDS)) {
                        checkWorkers();
                    }
                    checkWorkers();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SQLException("interrupted", e);
                }
            }

            private void checkWorkers() {
                for (Future<Long> f : running) {
                    if (f.isDone()) {
                        try {
                            f.get();
                        } catch (ExecutionException e) {
                            throw new WorkerFailed(e.getCause());
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        throw new WorkerFailed(new IllegalStateException("a worker stopped early"));
                    }
                }
            }

            long loaded() {
                return written.get();
            }

            long finishAllOrNothing() throws SQLException {
                for (int i = 0; i < queues.size(); i++) {
                    if (!filling.get(i).isEmpty()) {
                        put(i, filling.get(i));
                    }
                }
                long total = 0;
                try {
                    for (int i = 0; i < queues.size(); i++) {
                        while (!queues.get(i).offer(DONE, 100, TimeUnit.MILLISECONDS)) {
                            checkWorkers();
                        }
                    }
                    for (Future<Long> f : running) {
                        total += f.get();
                    }
                } catch (ExecutionException e) {
                    throw new WorkerFailed(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SQLException("interrupted", e);
                }
                commit.commitAll(coordinator);
                close();
                return total;
            }

            /** Stops every worker and rolls back what they wrote, prepared or not; returns what had been written. */
            long abandon() {
                stopping = true;
                for (BlockingQueue<List<Row>> queue : queues) {
                    queue.clear();
                    queue.offer(DONE);
                }
                for (Connection c : connections) {
                    try {
                        c.unwrap(PGConnection.class).cancelQuery(); // a worker waiting on the server stops now
                    } catch (SQLException ignored) {
                        // nothing running
                    }
                }
                threads.shutdown();
                try {
                    threads.awaitTermination(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                commit.rollbackPrepared(coordinator);
                close();
                return written.get();
            }

            private void close() {
                threads.shutdownNow();
                for (Connection c : connections) {
                    try {
                        if (!c.getAutoCommit()) {
                            c.rollback();
                        }
                        c.close();
                    } catch (SQLException ignored) {
                        // gone: the server rolls it back
                    }
                }
            }
        }

        /** Sends the batch under a savepoint; if the server refuses it, halves it until the bad rows are alone. */
        private long bisected(Connection connection, ImportMethod method, List<Row> batch) throws SQLException {
            Savepoint savepoint = connection.setSavepoint();
            try {
                long written = method.send(connection, batch, rejects);
                connection.releaseSavepoint(savepoint);
                return written;
            } catch (SQLException refused) {
                connection.rollback(savepoint);
                if (batch.size() == 1) {
                    rejects.add(batch.get(0).line(), batch.get(0).raw(), serverMessage(refused));
                    return 0;
                }
                int half = batch.size() / 2;
                return bisected(connection, method, batch.subList(0, half))
                        + bisected(connection, method, batch.subList(half, batch.size()));
            }
        }

        /** {@code --method row}: the row is committed on its own, or rejected on its own. */
        private void insertAndCommit(PreparedStatement insert, Row row) {
            try {
                BatchedInserts.bind(insert, BatchedInserts.values(row));
                insert.executeUpdate();
                loaded++;
                if (loaded % BATCH_ROWS == 0) {
                    progress.update(loaded, counted.bytes(), source.size());
                }
            } catch (SQLException refused) {
                rejects.add(row.line(), row.raw(), serverMessage(refused));
            }
            rejects.flush();
        }

        private EtlException rolledBack(Connection connection, boolean atomic, String why, Throwable cause) {
            try {
                if (atomic) {
                    connection.rollback();
                }
            } catch (SQLException ignored) {
                // the connection is gone: the server rolls back without us
            }
            String state = atomic ? "nothing was loaded (rolled back)"
                    : String.format("%,d rows were committed one by one before it (--method row is not atomic)", loaded);
            return new EtlException(String.format("import of %s into %s stopped after %,d rows (%,d bytes read, line %,d): %s; %s",
                    source.describe(), table, loaded, counted.bytes(), lastLine, SourceLines.oneLine(why), state), cause);
        }

        private Result result(ImportFormat format, List<String> columns, long filtered, long start, RetainedHeapProbe probe) {
            boolean anyRejects = rejects.count() > 0;
            return new Result(source.describe(), table.toString(), format, options.method(), columns, loaded, rejects.count(),
                    filtered, counted.bytes(), Duration.ofNanos(System.nanoTime() - start),
                    anyRejects ? Optional.of(rejects.dataFile()) : Optional.empty(),
                    anyRejects ? Optional.of(rejects.logFile()) : Optional.empty(), probe.bytes(), recovered);
        }
    }

    private static String failure(Exception e) {
        if (e instanceof UncheckedIOException io) {
            return "the source failed: " + io.getCause().getMessage();
        }
        return e instanceof SQLException sql ? serverMessage(sql) : String.valueOf(e.getMessage());
    }

    /** The server's message in one line, e.g. {@code duplicate key value violates unique constraint "t_pkey"}. */
    static String serverMessage(SQLException e) {
        if (e instanceof PSQLException p && p.getServerErrorMessage() != null) {
            var m = p.getServerErrorMessage();
            return m.getMessage() + (m.getDetail() == null ? "" : " (" + m.getDetail() + ")")
                    + (m.getWhere() == null || !m.getWhere().startsWith("COPY") ? "" : " [" + m.getWhere().lines().findFirst().orElse("") + "]");
        }
        if (e.getCause() instanceof IOException io) {
            return "the source failed: " + io.getMessage();
        }
        return String.valueOf(e.getMessage()).lines().findFirst().orElse("");
    }

    /** {@code ON_ERROR} came with PostgreSQL 17. */
    private static boolean supportsOnError(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT current_setting('server_version_num')::int")) {
            rs.next();
            return rs.getInt(1) >= 170000;
        }
    }
}
