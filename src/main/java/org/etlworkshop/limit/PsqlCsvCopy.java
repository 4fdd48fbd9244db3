package org.etlworkshop.limit;

import org.etlworkshop.db.ConnectionInfo;
import org.etlworkshop.db.Psql;
import org.etlworkshop.load.EventColumns;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * What an engineer without this tool would reach for first: {@code psql \copy dwh.response_events
 * FROM 'events.csv' (FORMAT csv)}, the client streaming the file to the server. psql runs in its
 * own process and commits itself, so its whole run is timed (process start included). Without a
 * psql on the PATH, pgjdbc streams the same file, and the method says so.
 */
final class PsqlCsvCopy implements CeilingLoad {
    static final String NAME = "psql \\copy CSV";

    private final ConnectionInfo target;
    private final Optional<Path> psql = Psql.find();

    PsqlCsvCopy(ConnectionInfo target) {
        this.target = target;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String method(ReadyRows rows) {
        return psql.map(path -> "psql \\copy of a CSV file (" + path + ")")
                .orElse("COPY FROM STDIN of a CSV file streamed by pgjdbc (no psql on the PATH)");
    }

    @Override
    public void load(Connection connection, ReadyRows rows) throws SQLException, IOException {
        if (psql.isEmpty()) {
            rows.copyFromStdin(connection, ReadyRows.Format.CSV);
            return;
        }
        // The table was emptied in autocommit, so psql's own session sees it empty.
        String meta = "\\copy " + EventColumns.TABLE + " FROM '"
                + rows.file(ReadyRows.Format.CSV).toString().replace("'", "''") + "' (FORMAT csv)";
        Process process = Psql.command(psql.get(), target, List.of("-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", meta))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        try {
            if (process.waitFor() != 0) {
                throw new SQLException("psql failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while psql was loading", e);
        }
    }
}
