package org.etlworkshop.transform;

import org.etlworkshop.extract.SourceSubmission;
import org.etlworkshop.model.IdentityKeyedEvent;
import org.etlworkshop.model.ResponseEvent;
import org.etlworkshop.scenario.FormSchema.Question;

import java.time.Instant;

/**
 * Builds one event in the shape a loader consumes: a {@link ResponseEvent} entity for the Hibernate
 * loaders, an {@link EventRow} for COPY. The traversal that finds the answers is the same for both.
 */
@FunctionalInterface
public interface EventFactory<E> {
    E create(SourceSubmission submission, Question question, String value, Instant processedOn);

    EventFactory<ResponseEvent> ENTITIES = (s, q, value, processedOn) -> new ResponseEvent(
            s.formId(), s.formName(), s.userId(), s.userFullName(), s.id(), s.createdAt(), processedOn,
            q.path(), value, q.answerType().sqlName(), q.tag());

    /** For the lesson on IDENTITY keys: the same event, its id assigned by the database on INSERT. */
    EventFactory<IdentityKeyedEvent> IDENTITY_KEYED = (s, q, value, processedOn) -> new IdentityKeyedEvent(
            s.formId(), s.formName(), s.userId(), s.userFullName(), s.id(), s.createdAt(), processedOn,
            q.path(), value, q.answerType().sqlName(), q.tag());

    EventFactory<EventRow> ROWS = (s, q, value, processedOn) -> new EventRow(
            s.formId(), s.formName(), s.userId(), s.userFullName(), s.id(), s.createdAt(), processedOn,
            q.path(), value, q.answerType().sqlName(), q.tag());
}
