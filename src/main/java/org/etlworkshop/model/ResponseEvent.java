package org.etlworkshop.model;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * One answered question, flattened for the warehouse. The id comes from a sequence with
 * {@code allocationSize} 1000 (the pooled-lo optimizer): Hibernate knows each id before the INSERT,
 * so inserts can be batched, and it calls {@code nextval} once per 1000 events. IDENTITY would
 * force one INSERT round trip per event.
 */
@Entity
@Table(schema = "dwh", name = "response_events")
public class ResponseEvent extends EventFields {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "response_events_id")
    @SequenceGenerator(name = "response_events_id", sequenceName = "dwh.response_events_id_seq", allocationSize = 1000)
    private Long id;

    protected ResponseEvent() {
    }

    public ResponseEvent(UUID formId, String formName, UUID userId, String userFullName, UUID submissionId,
                         Instant submissionCreated, Instant processedOn, String schemaPath, String value,
                         String answerType, String tag) {
        super(formId, formName, userId, userFullName, submissionId, submissionCreated, processedOn, schemaPath, value,
                answerType, tag);
    }

    public Long getId() {
        return id;
    }
}
