package org.etlworkshop.limit;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * One way of loading the ready-made rows into the empty {@code dwh.response_events}, as fast as
 * PostgreSQL takes them that way. Each implementation is a small teaching sample, like the loaders:
 * the SQL it sends and what it tells you.
 */
interface CeilingLoad {
    /** As reports name it; a loader's {@link org.etlworkshop.load.CeilingFamily} names the one it is judged against. */
    String name();

    /** What exactly was done, for the report. */
    String method(ReadyRows rows);

    /** Loads every row on {@code connection}, in its open transaction; the caller commits and times it. */
    void load(Connection connection, ReadyRows rows) throws SQLException, IOException;
}
