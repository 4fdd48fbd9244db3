package org.etlworkshop.load;

import org.etlworkshop.db.CopyIn;
import org.etlworkshop.transform.EventFactory;
import org.etlworkshop.transform.EventRow;

import java.util.Iterator;

/**
 * PostgreSQL's own bulk path: {@code COPY dwh.response_events FROM STDIN} in text format, fed by a
 * stream that encodes events as the server pulls them. No ORM, no INSERT statements, no temp file.
 *
 * <p>SQL: one COPY command for all events, plus one {@code nextval} per 1000 ids.
 *
 * <p>Memory: bounded by one 64 KiB buffer of encoded rows; the events are encoded as they are
 * produced and dropped once sent.
 *
 * <p>Choose it for the largest loads, when you can give up entity callbacks and write the columns
 * yourself. Text values are escaped exactly (see {@link org.etlworkshop.db.CopyTextRow}).
 */
public final class CopyLoader implements Loader<EventRow> {
    static String copyEvents(LoadTarget target) {
        return "COPY " + EventColumns.into(target.tables().events()) + " FROM STDIN";
    }

    @Override
    public EventFactory<EventRow> eventFactory() {
        return EventFactory.ROWS;
    }

    @Override
    public long load(Iterator<EventRow> events, LoadTarget target) {
        return JdbcTransaction.copy(target, "COPY into dwh.response_events", (connection, ids) ->
                // Each event is encoded (id, uuids, timestamps, escaped text) only when the server asks for more bytes.
                CopyIn.copy(connection, copyEvents(target), events, (e, row) -> EventColumns.text(ids.next(), e, row)));
    }
}
