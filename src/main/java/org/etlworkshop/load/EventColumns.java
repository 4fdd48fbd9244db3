package org.etlworkshop.load;

import org.etlworkshop.db.CopyBinaryRow;
import org.etlworkshop.db.CopyTextRow;
import org.etlworkshop.model.Timestamptz;
import org.etlworkshop.transform.EventRow;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/** The columns of {@code dwh.response_events} in COPY order, and an event's fields in each COPY format. */
public final class EventColumns {
    public static final String LIST = "(id, form_id, form_name, user_id, user_full_name, submission_id, "
            + "submission_created, processed_on, schema_path, value, answer_type, tag)";
    public static final int COUNT = 12;
    /** The live table with its columns in COPY order: what every COPY and INSERT of the events names. */
    public static final String TABLE = into(EventTables.LIVE.events());

    /** {@code table} with the columns in COPY order, e.g. for a run's stage table. */
    public static String into(String table) {
        return table + " " + LIST;
    }

    private EventColumns() {
    }

    /** {@code INSERT INTO table (columns) VALUES (?, ...)}: one parameter per column, in COPY order. */
    public static String insertInto(String table) {
        return "INSERT INTO " + into(table) + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    }

    /** An event's fields as the parameters of {@link #insertInto}; times as {@code OffsetDateTime}, exact for every value. */
    public static void bind(PreparedStatement insert, long id, EventRow e) throws SQLException {
        insert.setLong(1, id);
        insert.setObject(2, e.formId());
        insert.setString(3, e.formName());
        insert.setObject(4, e.userId());
        insert.setString(5, e.userFullName());
        insert.setObject(6, e.submissionId());
        insert.setObject(7, Timestamptz.toOffsetDateTime(e.submissionCreated()));
        insert.setObject(8, Timestamptz.toOffsetDateTime(e.processedOn()));
        insert.setString(9, e.schemaPath());
        insert.setString(10, e.value());
        insert.setString(11, e.answerType());
        insert.setString(12, e.tag());
    }

    public static void text(long id, EventRow e, CopyTextRow row) {
        row.number(id).uuid(e.formId()).text(e.formName()).uuid(e.userId()).text(e.userFullName())
                .uuid(e.submissionId()).timestamp(e.submissionCreated()).timestamp(e.processedOn())
                .text(e.schemaPath()).text(e.value()).text(e.answerType()).text(e.tag());
    }

    public static void binary(long id, EventRow e, CopyBinaryRow row) {
        row.int64(id).uuid(e.formId()).text(e.formName()).uuid(e.userId()).text(e.userFullName())
                .uuid(e.submissionId()).timestamp(e.submissionCreated()).timestamp(e.processedOn())
                .text(e.schemaPath()).text(e.value()).text(e.answerType()).text(e.tag());
    }
}
