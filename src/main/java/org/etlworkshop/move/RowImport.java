package org.etlworkshop.move;

import org.etlworkshop.EtlException;
import org.etlworkshop.concurrent.FirstFailure;
import org.etlworkshop.db.TwoPhaseCommit;
import org.etlworkshop.db.SingleValue;
import org.etlworkshop.measure.RetainedHeapProbe;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The import row by row: the source parsed one row at a time ({@link RowReader}), the rows gathered
 * into batches of {@link Importer#BATCH_ROWS} (or {@link Importer#BATCH_CHARS} of text) and each batch
 * written by the {@code --method}'s {@link ImportMethod}, on this connection or by
 * {@link ParallelImport}'s workers. A row that cannot be parsed is a reject like one the server
 * refuses; more than {@code --max-rejects} of them stop the import, rolled back when atomic.
 */
final class RowImport {
    /** Where the parsed rows go: batches on the import's own connection, or the parallel workers. */
    interface Batches {
        void add(Row row) throws SQLException;

        /** Every row has been read: what waits in a partial batch goes too. */
        void flush() throws SQLException;

        /** The rejects written and flushed first (a failure to write them loads nothing), then all or nothing for an atomic import; sets the rows loaded. */
        void commit() throws SQLException;

        /** The import stopped: whatever is still running stops, and what was written is rolled back when atomic. */
        void abandon();
    }

    private RowImport() {
    }

    static Importer.Result load(ImportRun run, Connection connection, DataSource target, RowReader reader, Format format)
            throws SQLException {
        List<String> columns = run.table.match(reader.columns());
        boolean atomic = run.options.method().atomic();
        ImportMethod.Into into = new ImportMethod.Into(run.table, columns, run.options.maxRejects() > 0 && supportsOnError(connection));
        // Several workers: how their parts commit together is decided by what the target is, before anything is loaded.
        AllOrNothing together = run.options.workers() > 1 ? AllOrNothing.forTarget(connection, run.table, run.options.workers()) : null;
        ImportMethod method = run.options.method().create(together == null ? into : together.into(into));
        Batches batches = together != null ? new ParallelImport(run, target, connection, together, method, into)
                : new OneConnection(run, connection, method, atomic);
        RetainedHeapProbe probe = new RetainedHeapProbe();
        try (method) {
            for (Row row = next(run, reader); row != null; row = next(run, reader)) {
                batches.add(row);
            }
            batches.flush();
            if (run.options.retainedHeap()) {
                probe.run();
            }
            batches.commit();
            run.progress(run.loaded);
        } catch (SQLException | IOException | RuntimeException e) {
            batches.abandon();
            Throwable cause = e instanceof FirstFailure first ? first.getCause() : e; // a worker's failure
            if (cause instanceof Rejects.TooMany tooMany) {
                throw run.stopped(connection, atomic, run.tooMany(tooMany), null);
            }
            if (cause instanceof TwoPhaseCommit.Unfinished committed) { // decided: nothing to roll back, and no "rolled back" to say
                throw new EtlException("import of " + run.source.describe() + " into " + run.table + ": " + committed.getMessage(), committed);
            }
            String why = cause instanceof IOException io ? "the source failed: " + io.getMessage()
                    : Importer.failure(cause instanceof Exception ex ? ex : e);
            throw run.stopped(connection, atomic, why, cause);
        }
        return run.result(format, columns, reader.filtered(), probe);
    }

    /** The next row, or null at the end; a row that cannot be parsed is a reject, and the reading goes on after it. */
    private static Row next(ImportRun run, RowReader reader) throws IOException {
        while (true) {
            try {
                Row row = reader.next();
                if (row != null) {
                    run.lastLine = row.line();
                }
                return row;
            } catch (BadRow bad) {
                run.lastLine = bad.line();
                run.rejects.add(bad.line(), bad.raw(), bad.getMessage());
            }
        }
    }

    /** {@code ON_ERROR} came with PostgreSQL 17. */
    private static boolean supportsOnError(Connection connection) throws SQLException {
        return SingleValue.longOf(connection, "SELECT current_setting('server_version_num')::int") >= 170000;
    }

    /** The batches on the import's own connection, in its one transaction when the method is atomic. */
    private static final class OneConnection implements Batches {
        private final ImportRun run;
        private final Connection connection;
        private final ImportMethod method;
        private final boolean atomic;
        private List<Row> batch = new ArrayList<>();
        private long chars;
        private long unreported;

        OneConnection(ImportRun run, Connection connection, ImportMethod method, boolean atomic) throws SQLException {
            this.run = run;
            this.connection = connection;
            this.method = method;
            this.atomic = atomic;
            connection.setAutoCommit(!atomic);
        }

        @Override
        public void add(Row row) throws SQLException {
            batch.add(row);
            chars += row.raw().length();
            if (batch.size() >= method.batchRows() || chars > Importer.BATCH_CHARS) {
                unreported += batch.size();
                boolean wide = chars > Importer.BATCH_CHARS;
                send();
                run.rejects.flush();
                if (wide || unreported >= Importer.BATCH_ROWS) { // a bar's step per full batch, not per row
                    run.progress(run.loaded);
                    unreported = 0;
                }
            }
        }

        private void send() throws SQLException {
            run.loaded += method.load(connection, batch, run.rejects);
            batch = new ArrayList<>();
            chars = 0;
        }

        @Override
        public void flush() throws SQLException {
            if (!batch.isEmpty()) {
                send();
            }
        }

        @Override
        public void commit() throws SQLException {
            run.rejects.flush();
            if (atomic) {
                connection.commit();
            }
        }

        @Override
        public void abandon() {
            // the caller rolls this connection back
        }
    }
}
