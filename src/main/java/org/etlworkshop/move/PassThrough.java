package org.etlworkshop.move;

import org.etlworkshop.db.CopyIn;
import org.etlworkshop.measure.RetainedHeapProbe;
import org.postgresql.PGConnection;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * With no reject to keep and COPY as the method, nothing needs the rows one by one: the source's
 * bytes go to one {@code COPY ... FROM STDIN} untouched and PostgreSQL parses them itself, as with
 * psql's {@code \copy}. Binary and COPY text as they are, CSV after its header (matched to the
 * table's columns). A bad row fails the whole import with the server's message and its line in the source.
 */
final class PassThrough {
    private static final Pattern COPY_LINE = Pattern.compile("(\\[COPY [^,]*, line )(\\d+)");

    private PassThrough() {
    }

    static Importer.Result copy(ImportRun run, Connection connection, BufferedInputStream bytes, Format format)
            throws SQLException, IOException {
        if (format == Format.BINARY && (!run.options.serverCanParseItAll() || run.options.workers() > 1)) {
            throw Importer.binaryIsPassedThroughWhole();
        }
        boolean header = format == Format.CSV; // read here, matched to the table, not sent
        List<String> columns = header ? run.table.match(CsvHeader.read(bytes)) : run.table.names();
        connection.setAutoCommit(false);
        RetainedHeapProbe probe = new RetainedHeapProbe();
        try {
            run.loaded = connection.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + run.table.quotedName() + " "
                    + TableColumns.quotedList(columns) + " FROM STDIN" + format.copyOptions(),
                    new Streams.Reporting(bytes, read -> run.progress(0)), CopyIn.BUFFER_BYTES);
            if (run.options.retainedHeap()) {
                probe.run();
            }
            connection.commit();
        } catch (SQLException | IOException e) {
            String why = Importer.failure(e);
            Matcher line = COPY_LINE.matcher(why);
            if (line.find()) { // the server counts the lines it was sent: after the CSV header, one more in the source
                run.lastLine = Long.parseLong(line.group(2)) + (header ? 1 : 0);
                why = line.replaceFirst("$1" + run.lastLine);
            }
            throw run.stopped(connection, true, why, e);
        }
        run.progress(run.loaded);
        return run.result(format, columns, 0, probe);
    }
}
