package org.etlworkshop.move;

import org.etlworkshop.EtlException;
import org.etlworkshop.concurrent.BoundedHandoff;
import org.etlworkshop.concurrent.Futures;
import org.postgresql.PGConnection;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code etl import --workers N}: the reading thread parses and hands batches to N loading
 * connections, each through its own queue of at most two batches ({@link BoundedHandoff}): when the
 * loaders fall behind, the reader waits (back-pressure) instead of filling the heap. Rows are routed
 * by a hash of their primary key, so two rows with the same key always meet in the same worker's
 * transaction (a duplicate is then an ordinary reject) instead of one worker waiting forever on the
 * other's uncommitted row. Each worker loads in its own transaction; at the end their parts become
 * visible together, as the target allows ({@link AllOrNothing}): on one server, only once every
 * worker has finished loading are they all prepared, the decision written and all committed; into a
 * Citus table they load a colocated stage that one statement publishes.
 */
final class ParallelImport implements RowImport.Batches {
    private final ImportRun run;
    private final ImportMethod method;
    private final BoundedHandoff<List<Row>> queues; // one per loading connection, at most two batches each
    private final List<List<Row>> filling = new ArrayList<>();
    private final List<Future<Long>> running = new ArrayList<>();
    private final ExecutorService threads;
    private final AtomicLong written = new AtomicLong();
    private final List<Connection> connections = new ArrayList<>();
    private final AllOrNothing together;
    private final Connection coordinator;
    private final int[] keyColumns;
    private long next;

    ParallelImport(ImportRun run, DataSource target, Connection coordinator, AllOrNothing together, ImportMethod method,
                   ImportMethod.Into into) throws SQLException {
        int count = run.options.workers();
        this.run = run;
        this.method = method;
        this.coordinator = coordinator;
        coordinator.setAutoCommit(true);
        this.together = together;
        this.keyColumns = into.table().primaryKey().stream().mapToInt(into.columns()::indexOf).toArray();
        this.queues = new BoundedHandoff<>(count, 2);
        this.threads = Executors.newFixedThreadPool(count);
        for (int i = 1; i <= count; i++) {
            filling.add(new ArrayList<>());
            Connection worker = target.getConnection();
            worker.setAutoCommit(false);
            try (Statement statement = worker.createStatement()) {
                // a conflict the key routing cannot prevent (another unique index) fails instead of waiting forever
                statement.execute("SET lock_timeout = '10s'");
            }
            connections.add(worker);
            int number = i;
            running.add(threads.submit(() -> work(worker, number)));
        }
    }

    /**
     * Loads the batches of its queue in its own transaction; at the end marker the target's design says
     * what follows ({@link AllOrNothing#workerDone}: on one server nothing, the transaction left open to be
     * prepared with the others). The first failure stops every worker.
     */
    private long work(Connection worker, int number) throws Exception {
        try {
            long mine = 0;
            for (List<Row> batch = queues.take(number - 1); batch != null; batch = queues.take(number - 1)) {
                long n = method.load(worker, batch, run.rejects);
                mine += n;
                written.addAndGet(n);
                run.rejects.flush();
            }
            together.workerDone(worker, number);
            return mine;
        } catch (Exception | Error e) {
            queues.fail(e);
            throw e;
        }
    }

    /** Routes the row to its worker; a full batch is queued (waiting while that worker is behind). */
    @Override
    public void add(Row row) throws SQLException {
        int worker = workerOf(row);
        List<Row> batch = filling.get(worker);
        batch.add(row);
        if (batch.size() == Importer.BATCH_ROWS) {
            queues.put(worker, batch);
            filling.set(worker, new ArrayList<>());
        }
        if (row.line() % Importer.BATCH_ROWS == 0) {
            run.progress(written.get());
        }
    }

    private int workerOf(Row row) throws SQLException {
        if (keyColumns.length == 0 || Arrays.stream(keyColumns).anyMatch(i -> i < 0)) {
            return (int) (next++ / Importer.BATCH_ROWS % queues.lanes()); // no key among the columns: batch by batch
        }
        String[] values = BatchedInserts.values(row);
        int hash = 1;
        for (int i : keyColumns) {
            hash = 31 * hash + (i < values.length && values[i] != null ? values[i].hashCode() : 0);
        }
        return Math.floorMod(hash, queues.lanes());
    }

    @Override
    public void flush() {
        for (int i = 0; i < queues.lanes(); i++) {
            if (!filling.get(i).isEmpty()) {
                queues.put(i, filling.get(i));
            }
        }
        queues.end();
    }

    /** Every worker has finished loading and the rejects are written: then their parts become visible together. */
    @Override
    public void commit() throws SQLException {
        run.loaded = Futures.all(running, queues::fail).stream().mapToLong(Long::longValue).sum();
        run.rejects.flush(); // written before anything commits: a rejects file that cannot be written fails the import
        together.publish(coordinator, connections);
        close();
    }

    /** Stops every worker and rolls back what they wrote, prepared or not (unless the commit was decided: then it is finished). */
    @Override
    public void abandon() {
        queues.fail(new EtlException("the import stopped"));
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
        together.abandon(coordinator);
        close();
        run.loaded = written.get();
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
