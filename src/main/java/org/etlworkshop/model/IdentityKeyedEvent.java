package org.etlworkshop.model;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * The same event with an IDENTITY-style key: the database assigns the id as the row is inserted
 * (the column's default, {@code nextval} of the events' sequence). Hibernate cannot know the id
 * before the INSERT, so it must send each INSERT the moment the entity is persisted, to read the
 * id back: no JDBC batching is possible, whatever the batch size. Lesson 4 compares its statement
 * counts with {@link ResponseEvent}'s.
 */
@Entity
@Table(schema = "dwh", name = "response_events")
public class IdentityKeyedEvent extends EventFields {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    protected IdentityKeyedEvent() {
    }

    public IdentityKeyedEvent(UUID formId, String formName, UUID userId, String userFullName, UUID submissionId,
                              Instant submissionCreated, Instant processedOn, String schemaPath, String value,
                              String answerType, String tag) {
        super(formId, formName, userId, userFullName, submissionId, submissionCreated, processedOn, schemaPath, value,
                answerType, tag);
    }

    public Long getId() {
        return id;
    }
}
