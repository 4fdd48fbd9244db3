package org.etlworkshop.limit;

import org.etlworkshop.load.CeilingFamily;
import org.etlworkshop.load.EventTables;
import org.etlworkshop.load.SecondaryIndexes;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * {@code DROP INDEX} of the secondary indexes, the binary COPY, then {@code CREATE INDEX} of each,
 * in one transaction: one sorted build per index instead of an insert into each per row. The
 * ceiling of {@code copy-binary-indexes-after}.
 */
final class BinaryCopyIndexesAfter implements CeilingLoad {
    @Override
    public String name() {
        return CeilingFamily.BINARY_COPY_INDEXES_AFTER.ceilingName();
    }

    @Override
    public String method(ReadyRows rows) {
        return (rows.serverReadsFiles() ? "COPY FROM a binary-format file read by the server"
                : "COPY FROM STDIN of a binary-format file")
                + ", the secondary indexes dropped before and built after, in the same transaction";
    }

    @Override
    public void load(Connection connection, ReadyRows rows) throws SQLException, IOException {
        List<String> dropped = SecondaryIndexes.drop(connection, EventTables.LIVE.events());
        rows.copy(connection, ReadyRows.Format.BINARY);
        SecondaryIndexes.create(connection, dropped);
    }
}
