package org.etlworkshop.extract;

import org.etlworkshop.model.User;
import org.hibernate.Session;

import java.time.Instant;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Ask only for the columns you use: an explicit join that selects the submission's fields, the
 * form's name and the user's names into a plain record. No entities, no persistence context, no
 * dirty checking, no proxies.
 *
 * <p>SQL: 1 query for the submissions + 1 per distinct form for its schema (read once and cached).
 *
 * <p>Choose it for read-only bulk work: the narrowest rows and the least memory per submission.
 */
public final class ProjectionExtractor implements Extractor {
    private final ReadMode mode;
    private final int fetchSize;
    private final FormSchemaCache schemas = new FormSchemaCache();

    public ProjectionExtractor(ReadMode mode, int fetchSize) {
        this.mode = mode;
        this.fetchSize = fetchSize;
    }

    /** One row of the projection: Hibernate calls this constructor with the selected columns. */
    public record Row(UUID id, Instant createdAt, String responses, UUID formId, String formName,
                      UUID userId, String givenName, String familyName) {
    }

    @Override
    public Stream<SourceSubmission> extract(Session session) {
        var query = session.createSelectionQuery("""
                select s.id, s.createdAt, s.responses, f.id, f.name, u.id, u.givenName, u.familyName
                from Submission s join s.form f join s.user u""", Row.class);
        return mode.values(query, fetchSize, r -> {
            var form = schemas.get(r.formId(), () -> schemaOf(session, r.formId()));
            return new SourceSubmission(r.id(), r.createdAt(), r.responses(), r.formId(), r.formName(), form.schema(),
                    r.userId(), User.fullName(r.givenName(), r.familyName()), form.problem());
        });
    }

    private static String schemaOf(Session session, UUID formId) {
        return session.createSelectionQuery("select f.schema from Form f where f.id = :id", String.class)
                .setParameter("id", formId).getSingleResult();
    }

}
