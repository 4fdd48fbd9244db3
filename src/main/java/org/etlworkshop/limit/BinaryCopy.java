package org.etlworkshop.limit;

import org.etlworkshop.load.CeilingFamily;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * {@code COPY dwh.response_events FROM 'events.bin' (FORMAT binary)}: the server parses no text,
 * only length-prefixed values. The ceiling of {@code copy-binary}.
 */
final class BinaryCopy implements CeilingLoad {
    @Override
    public String name() {
        return CeilingFamily.BINARY_COPY.ceilingName();
    }

    @Override
    public String method(ReadyRows rows) {
        return rows.serverReadsFiles() ? "COPY FROM a file in binary format, read by the server"
                : "COPY FROM STDIN of a binary-format file";
    }

    @Override
    public void load(Connection connection, ReadyRows rows) throws SQLException, IOException {
        rows.copy(connection, ReadyRows.Format.BINARY);
    }
}
