package org.etlworkshop.model;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.UUID;

/**
 * One filled-in form. Its form and user are LAZY: reading {@code getUser().getGivenName()} on a
 * submission loaded without a join costs one query per distinct user, the N+1 problem the extractors
 * demonstrate.
 */
@Entity
@Table(schema = "app", name = "submissions")
public class Submission {
    @Id
    private UUID id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "form_id")
    private Form form;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "user_id")
    private User user;

    /** The answers as stored: a nested JSON object shaped like the form's schema (usually). */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    private String responses;

    @Column(name = "created_at", nullable = false)
    @Convert(converter = Timestamptz.class)
    @JdbcTypeCode(SqlTypes.TIMESTAMP_WITH_TIMEZONE) // exact before 1582 and for ±infinity
    private Instant createdAt;

    protected Submission() {
    }

    public Submission(UUID id, Form form, User user, String responses, Instant createdAt) {
        this.id = id;
        this.form = form;
        this.user = user;
        this.responses = responses;
        this.createdAt = createdAt;
    }

    public UUID getId() {
        return id;
    }

    public Form getForm() {
        return form;
    }

    public User getUser() {
        return user;
    }

    public String getResponses() {
        return responses;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
