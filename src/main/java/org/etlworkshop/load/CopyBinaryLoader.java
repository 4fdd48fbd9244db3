package org.etlworkshop.load;

import org.etlworkshop.db.CopyIn;
import org.etlworkshop.transform.EventFactory;
import org.etlworkshop.transform.EventRow;

import java.sql.Connection;
import java.util.Iterator;

/**
 * {@link CopyLoader}'s streaming design in PostgreSQL's binary COPY format: uuids as their 16
 * bytes, timestamps as microseconds, ids as 8 bytes, text as UTF-8, each with its length. The server
 * parses nothing, and parsing uuid and timestamptz text is what limits a text COPY.
 *
 * <p>SQL: one {@code COPY ... (FORMAT binary)} for all events, plus one {@code nextval} per 1000 ids.
 *
 * <p>Memory: bounded by one 64 KiB buffer of encoded rows.
 *
 * <p>Choose it for the largest loads when you control the column types exactly: a binary COPY fails
 * if a field's type differs from its column's (no casts happen).
 */
public final class CopyBinaryLoader implements Loader<EventRow> {

    @Override
    public EventFactory<EventRow> eventFactory() {
        return EventFactory.ROWS;
    }

    @Override
    public long load(Iterator<EventRow> events, LoadTarget target) {
        return JdbcTransaction.copy(target, "binary COPY into dwh.response_events",
                (connection, ids) -> copy(connection, target, events, ids));
    }

    /** The one binary COPY of all events, each encoded when the server asks for more bytes. */
    static long copy(Connection connection, LoadTarget target, Iterator<EventRow> events, IdBlocks ids) {
        return CopyIn.copyBinary(connection, CopyLoader.copyEvents(target) + " (FORMAT binary)", EventColumns.COUNT, events,
                (e, row) -> EventColumns.binary(ids.next(), e, row));
    }
}
