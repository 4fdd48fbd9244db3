package org.etlworkshop.load;

import org.etlworkshop.db.CopyBinaryRow;
import org.etlworkshop.db.CopyTextRow;
import org.etlworkshop.transform.EventRow;

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
