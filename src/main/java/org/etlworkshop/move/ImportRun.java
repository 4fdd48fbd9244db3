package org.etlworkshop.move;

import org.etlworkshop.EtlException;
import org.etlworkshop.measure.RetainedHeapProbe;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One import in progress, whichever way it goes ({@link PassThrough}, {@link RowImport}): the source
 * and the table, how far it got, and how it ends: a {@link Importer.Result}, or a failure that says
 * what was loaded and rolled back.
 */
final class ImportRun {
    final Source source;
    final Streams.Counting counted;
    final TableColumns table;
    final Importer.Options options;
    final Rejects rejects;
    private final Importer.Progress progress;
    private final List<String> recovered;
    private final long start;
    /** Rows written so far; the source line reached. */
    long loaded;
    long lastLine;

    ImportRun(Source source, Streams.Counting counted, TableColumns table, Importer.Options options, Importer.Progress progress,
              Rejects rejects, List<String> recovered, long start) {
        this.source = source;
        this.counted = counted;
        this.table = table;
        this.options = options;
        this.progress = progress;
        this.rejects = rejects;
        this.recovered = recovered;
        this.start = start;
    }

    /** Rows loaded and bytes read so far, against the source's size when known. */
    void progress(long rows) {
        progress.update(rows, counted.bytes(), source.size());
    }

    /** More bad rows than {@code --max-rejects} allows, in words. */
    String tooMany(Rejects.TooMany e) {
        return "line " + e.line + " was rejected (" + e.reason + "), more than --max-rejects " + options.maxRejects() + " allows";
    }

    /** The import stopped: rolled back when atomic, and the message says how far it got and what stayed. */
    EtlException stopped(Connection connection, boolean atomic, String why, Throwable cause) {
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

    Importer.Result result(Format format, List<String> columns, long filtered, RetainedHeapProbe probe) {
        boolean anyRejects = rejects.count() > 0;
        return new Importer.Result(source.describe(), table.toString(), format, options.method(), columns, loaded, rejects.count(),
                filtered, counted.bytes(), Duration.ofNanos(System.nanoTime() - start),
                anyRejects ? Optional.of(rejects.dataFile()) : Optional.empty(),
                anyRejects ? Optional.of(rejects.logFile()) : Optional.empty(), probe.bytes(), recovered);
    }
}
