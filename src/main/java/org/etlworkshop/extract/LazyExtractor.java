package org.etlworkshop.extract;

import org.etlworkshop.model.Submission;
import org.hibernate.Session;

import java.util.stream.Stream;

/**
 * The N+1 problem. Submissions are selected alone; their user and form are lazy proxies, so the
 * first touch of each distinct user or form sends one more SELECT.
 *
 * <p>SQL: 1 query for the submissions + 1 per distinct user + 1 per distinct form. Cheap with 2 users,
 * painful with 20,000, and invisible in the code below, which is why it is so common.
 *
 * <p>Choose it: never on purpose for bulk work; it is the default you get without a fetch plan.
 */
public final class LazyExtractor implements Extractor {
    private final ReadMode mode;
    private final int fetchSize;
    private final FormSchemaCache schemas = new FormSchemaCache();

    public LazyExtractor(ReadMode mode, int fetchSize) {
        this.mode = mode;
        this.fetchSize = fetchSize;
    }

    @Override
    public Stream<SourceSubmission> extract(Session session) {
        var query = session.createSelectionQuery("from Submission", Submission.class);
        return mode.entities(session, query, fetchSize, s -> {
            var form = schemas.get(s.getForm().getId(), s.getForm()::getSchema); // first touch of a form: SELECT
            return new SourceSubmission(s.getId(), s.getCreatedAt(), s.getResponses(),
                    s.getForm().getId(), s.getForm().getName(), form.schema(),
                    s.getUser().getId(), s.getUser().getFullName(), form.problem()); // first touch of a user: SELECT
        });
    }
}
