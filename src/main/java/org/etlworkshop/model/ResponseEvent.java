package org.etlworkshop.model;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

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
public class ResponseEvent {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "response_events_id")
    @SequenceGenerator(name = "response_events_id", sequenceName = "dwh.response_events_id_seq", allocationSize = 1000)
    private Long id;

    @Column(name = "form_id", nullable = false)
    private UUID formId;

    @Column(name = "form_name", nullable = false)
    private String formName;

    @Column(name = "user_id", nullable = false)
    private UUID userId;

    @Column(name = "user_full_name") // null when the user has no name
    private String userFullName;

    @Column(name = "submission_id", nullable = false)
    private UUID submissionId;

    /*
     * Bound as an OffsetDateTime, which pgjdbc takes as is for a timestamptz: exact for every value
     * (see Timestamptz). Hibernate's default for an Instant goes through java.sql.Timestamp and a UTC
     * Calendar per value, which also cost about a tenth of what the batched loaders allocated.
     */
    @Column(name = "submission_created", nullable = false)
    @Convert(converter = Timestamptz.class)
    @JdbcTypeCode(SqlTypes.TIMESTAMP_WITH_TIMEZONE)
    private Instant submissionCreated;

    @Column(name = "processed_on", nullable = false)
    @Convert(converter = Timestamptz.class)
    @JdbcTypeCode(SqlTypes.TIMESTAMP_WITH_TIMEZONE)
    private Instant processedOn;

    @Column(name = "schema_path", nullable = false)
    private String schemaPath;

    @Column(nullable = false)
    private String value;

    @Column(name = "answer_type", nullable = false)
    private String answerType;

    private String tag;

    protected ResponseEvent() {
    }

    public ResponseEvent(UUID formId, String formName, UUID userId, String userFullName, UUID submissionId,
                         Instant submissionCreated, Instant processedOn, String schemaPath, String value,
                         String answerType, String tag) {
        this.formId = formId;
        this.formName = formName;
        this.userId = userId;
        this.userFullName = userFullName;
        this.submissionId = submissionId;
        this.submissionCreated = submissionCreated;
        this.processedOn = processedOn;
        this.schemaPath = schemaPath;
        this.value = value;
        this.answerType = answerType;
        this.tag = tag;
    }

    public Long getId() {
        return id;
    }

    public String getSchemaPath() {
        return schemaPath;
    }

    public String getValue() {
        return value;
    }
}
