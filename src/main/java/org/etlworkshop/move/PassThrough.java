package org.etlworkshop.move;

import org.etlworkshop.db.CopyIn;
import org.etlworkshop.measure.RetainedHeapProbe;
import org.postgresql.PGConnection;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * With no reject to keep and COPY as the method, nothing needs the rows one by one: the source's
 * bytes go to one {@code COPY ... FROM STDIN} untouched and PostgreSQL parses them itself, as with
 * psql's {@code \copy}. Binary and COPY text as they are, CSV after its header (matched to the
 * table's columns). A bad row fails the whole import with the server's message and its line in the
 * source ({@link WatchedLines} follows the lines as they go by, so the server's row is told as the source's line).
 */
final class PassThrough {
    private PassThrough() {
    }

    static Importer.Result copy(ImportRun run, Connection connection, BufferedInputStream bytes, Format format)
            throws SQLException, IOException {
        if (format == Format.BINARY && (!run.options.serverCanParseItAll() || run.options.workers() > 1)) {
            throw Importer.binaryIsPassedThroughWhole();
        }
        // a CSV header is read here, matched to the table, not sent
        CsvHeader.Header header = format == Format.CSV ? CsvHeader.read(bytes, run.options.maxLineBytes()) : null;
        List<String> columns = header != null ? run.table.match(header.columns()) : run.table.names();
        WatchedLines watched = new WatchedLines(bytes, format, run.options.maxLineBytes(), header == null ? 1 : header.lines() + 1);
        connection.setAutoCommit(false);
        RetainedHeapProbe probe = new RetainedHeapProbe();
        try {
            run.loaded = connection.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + run.table.quotedName() + " "
                    + TableColumns.quotedList(columns) + " FROM STDIN" + format.copyOptions(),
                    new Streams.Reporting(watched, read -> run.progress(0)), CopyIn.BUFFER_BYTES);
            if (run.options.retainedHeap()) {
                probe.run();
            }
            connection.commit();
        } catch (SQLException | IOException e) {
            WatchedLines.Located located = watched.locate(Importer.failure(e), e); // in the source's lines, not the server's
            run.lastLine = located.line();
            throw run.stopped(connection, true, located.why(), e);
        }
        run.progress(run.loaded);
        return run.result(format, columns, 0, probe);
    }
}
