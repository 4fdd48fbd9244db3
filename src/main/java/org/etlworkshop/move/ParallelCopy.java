package org.etlworkshop.move;

import org.etlworkshop.EtlException;
import org.etlworkshop.concurrent.BoundedHandoff;
import org.etlworkshop.concurrent.FirstFailure;
import org.etlworkshop.concurrent.Futures;
import org.etlworkshop.db.CopyIn;
import org.etlworkshop.measure.RetainedHeapProbe;
import org.postgresql.PGConnection;

import javax.sql.DataSource;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code etl import --workers N} where the server parses the rows ({@link PassThrough}'s case: CSV or COPY text,
 * no reject to keep, {@code --method copy}): the parsing, the import's limit, is split over N COPY connections.
 * This thread cuts the source at row boundaries into blocks of about {@value #BLOCK_BYTES} bytes
 * ({@link RowBlocks}) and hands each to the connection with the least waiting (at most two blocks each: a
 * slow server makes the reader wait); each connection runs one {@code COPY ... FROM STDIN} fed by its
 * blocks. At the end their parts become visible together ({@link AllOrNothing}, as for the parsed import: on one
 * server all prepared only once every connection has loaded, then committed; into a Citus table, a colocated stage
 * published by one statement). The source is watched as one connection's pass-through watches it ({@link WatchedLines}).
 *
 * <p>Two rows with the same key in blocks of two connections make the second wait for the first's
 * uncommitted row; it gives up after {@code lock_timeout} and the import fails as a duplicate would on
 * one connection. A bad row fails the import with the server's message and its row's line in the source.
 */
final class ParallelCopy {
    static final int BLOCK_BYTES = 1 << 20;
    private static final String LOCK_TIMEOUT = "2s";

    /**
     * The blocks a connection was given: the row its COPY names ("line N": the server counts the rows it
     * reads) maps back to the source's row through them, and the source's row to its line through
     * {@link WatchedLines}, which saw every row go by.
     */
    private static final class Sent {
        private final List<long[]> blocks = new ArrayList<>(); // {rows sent before it on this connection, its first row}
        private long rows;
        final ServerLineCount counted; // the server's "line N" of this connection's COPY, told as its row

        Sent(boolean csv) {
            this.counted = new ServerLineCount(csv);
        }

        synchronized void add(RowBlocks.Block block) {
            blocks.add(new long[] {rows, block.firstRow()});
            rows += block.rows();
        }

        /** The source's data row (1-based) of this connection's COPY row {@code row}, or -1. */
        synchronized long sourceRow(long row) {
            for (int i = blocks.size() - 1; i >= 0; i--) {
                if (blocks.get(i)[0] < row) {
                    return blocks.get(i)[1] + row - blocks.get(i)[0] - 1;
                }
            }
            return -1;
        }
    }

    private ParallelCopy() {
    }

    static Importer.Result copy(ImportRun run, Connection coordinator, DataSource target, BufferedInputStream bytes, Format format)
            throws SQLException, IOException {
        return copy(run, coordinator, target, bytes, format, BLOCK_BYTES);
    }

    /** @param blockBytes about how many bytes each block holds (tests cut small ones) */
    static Importer.Result copy(ImportRun run, Connection coordinator, DataSource target, BufferedInputStream bytes, Format format,
                                int blockBytes) throws SQLException, IOException {
        // a CSV header is read here, matched to the table, not sent
        CsvHeader.Header csvHeader = format == Format.CSV ? CsvHeader.read(bytes, run.options.maxLineBytes()) : null;
        boolean header = csvHeader != null;
        List<String> columns = header ? run.table.match(csvHeader.columns()) : run.table.names();
        int workers = run.options.workers();
        coordinator.setAutoCommit(true);
        // how the connections' parts become visible together is decided by what the target is, before anything loads
        AllOrNothing together = AllOrNothing.forTarget(coordinator, run.table, workers);
        ImportMethod.Into into = together.into(new ImportMethod.Into(run.table, columns, false));
        String copy = "COPY " + into.table().quotedName() + " " + TableColumns.quotedList(columns) + " FROM STDIN" + format.copyOptions();
        BoundedHandoff<RowBlocks.Block> lanes = new BoundedHandoff<>(workers, 2);
        List<Sent> sent = new ArrayList<>();
        List<Connection> connections = new ArrayList<>();
        List<Future<Long>> loading = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(workers);
        RetainedHeapProbe probe = new RetainedHeapProbe();
        // the same watch as one connection's pass-through: --max-line-bytes, a \. line before the last, rows to lines
        WatchedLines watched = new WatchedLines(bytes, format, run.options.maxLineBytes(), header ? csvHeader.lines() + 1 : 1);
        try {
            for (int i = 0; i < workers; i++) {
                Connection worker = target.getConnection();
                connections.add(worker);
                worker.setAutoCommit(false);
                try (Statement statement = worker.createStatement()) {
                    statement.execute("SET LOCAL lock_timeout = '" + LOCK_TIMEOUT + "'"); // another connection's row: see above
                }
                sent.add(new Sent(header));
                int lane = i;
                loading.add(threads.submit(() -> load(run, worker, copy, lanes, lane, sent.get(lane), together)));
            }
            RowBlocks blocks = new RowBlocks(watched, format, blockBytes);
            int turn = 0;
            for (RowBlocks.Block block = blocks.next(); block != null && lanes.failure() == null; block = blocks.next()) {
                int lane = leastWaiting(lanes, turn++);
                sent.get(lane).add(block);
                lanes.put(lane, block);
                run.progress(0);
            }
            lanes.end();
            if (run.options.retainedHeap()) {
                probe.run(); // every row read: what the import holds now is its bounded hand-off
            }
        } catch (IOException | RuntimeException e) {
            lanes.fail(e instanceof FirstFailure ? e.getCause() : e); // the source failed, or a connection did first
        }
        try {
            run.loaded = Futures.all(loading, lanes::fail).stream().mapToLong(Long::longValue).sum();
            together.publish(coordinator, connections); // every connection has loaded: only now are they prepared
        } catch (RuntimeException | SQLException e) {
            threads.shutdownNow();
            together.abandon(coordinator);
            Throwable first = lanes.failure() != null ? lanes.failure() : e;
            if (first instanceof WatchedLines.Refused refused) {
                run.lastLine = refused.line;
            }
            String why = first instanceof Failed f ? located(run, f, watched) : first instanceof WatchedLines.Refused r ? r.getMessage()
                    : first instanceof IOException io ? "the source failed: " + io.getMessage()
                    : Importer.failure(asException(first));
            throw run.stopped(coordinator, true, why, first);
        } finally {
            threads.shutdownNow();
            lanes.close();
            for (Connection c : connections) {
                try {
                    c.close(); // what was not prepared rolls back
                } catch (SQLException ignored) {
                    // gone: the server rolls it back
                }
            }
        }
        run.progress(run.loaded);
        return run.result(format, columns, 0, probe);
    }

    private static int leastWaiting(BoundedHandoff<?> lanes, int turn) {
        int first = turn % lanes.lanes(), least = first;
        for (int i = 1; i < lanes.lanes(); i++) {
            int lane = (first + i) % lanes.lanes();
            if (lanes.waiting(lane) < lanes.waiting(least)) {
                least = lane;
            }
        }
        return least;
    }

    /** A connection's COPY failed: the server's words, and the blocks that connection was sent. */
    private static final class Failed extends EtlException {
        final String why;
        final Sent sent;

        Failed(String why, Throwable cause, Sent sent) {
            super(why, cause);
            this.why = why;
            this.sent = sent;
        }
    }

    /** The failure in the source's lines (on the reading thread, once it has stopped: {@link WatchedLines} is its). */
    private static String located(ImportRun run, Failed failed, WatchedLines watched) {
        // the connection's "line N" is its own row, then the source's row through the blocks it was sent
        WatchedLines.Located located = watched.locate(failed.why, failed,
                line -> failed.sent.sourceRow(failed.sent.counted.rowOf(line)));
        run.lastLine = located.line();
        return located.why();
    }

    /** One connection: one COPY of the blocks of its lane; its transaction left to {@link AllOrNothing} when they end. */
    private static long load(ImportRun run, Connection worker, String copy, BoundedHandoff<RowBlocks.Block> lanes, int lane,
                             Sent sent, AllOrNothing together) throws SQLException {
        try {
            long rows = worker.unwrap(PGConnection.class).getCopyAPI().copyIn(copy, new LaneStream(lanes, lane, sent.counted), CopyIn.BUFFER_BYTES);
            together.workerDone(worker, lane + 1);
            return rows;
        } catch (SQLException | IOException e) {
            if (lanes.failure() != null) { // stopped because another failed first: that one is the story
                throw new FirstFailure(lanes.failure());
            }
            Failed failed = new Failed(why(run, e), e, sent);
            lanes.fail(failed);
            throw failed;
        }
    }

    private static String why(ImportRun run, Exception e) {
        if (e instanceof SQLException sql && "55P03".equals(sql.getSQLState())) {
            return "duplicate key value: two rows with the same key (or another unique value) went to two of the "
                    + run.options.workers() + " connections, and one waited " + LOCK_TIMEOUT + " for the other's uncommitted row";
        }
        return Importer.failure(e);
    }

    private static Exception asException(Throwable t) {
        return t instanceof Exception e ? e : new EtlException(String.valueOf(t.getMessage()), t);
    }

    /** The blocks of one lane as the bytes of one COPY; its end is the lane's end; a failure elsewhere fails the read. */
    private static final class LaneStream extends InputStream {
        private final BoundedHandoff<RowBlocks.Block> lanes;
        private final int lane;
        private RowBlocks.Block block;
        private int position;
        private boolean ended;
        private final ServerLineCount counted;

        LaneStream(BoundedHandoff<RowBlocks.Block> lanes, int lane, ServerLineCount counted) {
            this.lanes = lanes;
            this.lane = lane;
            this.counted = counted;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] into, int offset, int length) throws IOException {
            while (!ended && (block == null || position == block.length())) {
                try {
                    block = lanes.take(lane);
                } catch (FirstFailure e) {
                    throw new IOException("another connection of the import failed", e);
                }
                position = 0;
                ended = block == null;
            }
            if (ended) {
                return -1;
            }
            int n = Math.min(length, block.length() - position);
            System.arraycopy(block.bytes(), position, into, offset, n);
            counted.accept(into, offset, n);
            position += n;
            return n;
        }
    }
}
