package org.etlworkshop.load;

import org.etlworkshop.EtlException;
import org.etlworkshop.db.CopyIn;
import org.etlworkshop.transform.EventFactory;
import org.etlworkshop.transform.EventRow;

import java.sql.Connection;
import java.sql.SQLException;
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
    static final String COPY_EVENTS = "COPY dwh.response_events (id, form_id, form_name, user_id, user_full_name, "
            + "submission_id, submission_created, processed_on, schema_path, value, answer_type, tag) FROM STDIN";

    @Override
    public EventFactory<EventRow> eventFactory() {
        return EventFactory.ROWS;
    }

    @Override
    public long load(Iterator<EventRow> events, LoadTarget target) {
        IdBlocks ids = new IdBlocks(target.dataSource());
        try (Connection connection = target.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            try {
                long rows = CopyIn.copy(connection, COPY_EVENTS, events, (e, row) -> row
                        .number(ids.next()).uuid(e.formId()).text(e.formName()).uuid(e.userId()).text(e.userFullName())
                        .uuid(e.submissionId()).timestamp(e.submissionCreated()).timestamp(e.processedOn())
                        .text(e.schemaPath()).text(e.value()).text(e.answerType()).text(e.tag()));
                connection.commit();
                target.statistics().recordCopy(rows);
                return rows;
            } catch (RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new EtlException("COPY into dwh.response_events failed: " + e.getMessage(), e);
        }
    }
}
