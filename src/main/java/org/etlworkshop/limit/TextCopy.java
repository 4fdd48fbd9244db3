package org.etlworkshop.limit;

import org.etlworkshop.load.CeilingFamily;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * {@code COPY dwh.response_events FROM 'events.copy'}: text-format rows read by the server
 * itself. No client, no encoding on the way: the most the text COPY path can do, and the ceiling
 * of the {@code copy} loader.
 */
final class TextCopy implements CeilingLoad {
    @Override
    public String name() {
        return CeilingFamily.TEXT_COPY.ceilingName();
    }

    @Override
    public String method(ReadyRows rows) {
        return rows.serverReadsFiles() ? "COPY FROM a file in text format, read by the server"
                : "COPY FROM STDIN of a text-format file";
    }

    @Override
    public void load(Connection connection, ReadyRows rows) throws SQLException, IOException {
        rows.copy(connection, ReadyRows.Format.TEXT);
    }
}
