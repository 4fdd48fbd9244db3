package org.etlworkshop.model;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.MappedSuperclass;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.UUID;

/**
 * The columns of an event, shared by the two entities that map {@code dwh.response_events}:
 * {@link ResponseEvent} (ids from a pooled sequence, the one every loader uses) and
 * {@link IdentityKeyedEvent} (ids the database assigns on INSERT, for lesson 4).
 */
@MappedSuperclass
public abstract class EventFields {
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

    protected EventFields() {
    }

    protected EventFields(UUID formId, String formName, UUID userId, String userFullName, UUID submissionId,
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

    public String getSchemaPath() {
        return schemaPath;
    }

    public String getValue() {
        return value;
    }
}
