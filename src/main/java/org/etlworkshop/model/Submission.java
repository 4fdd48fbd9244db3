package org.etlworkshop.model;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.hibernate.annotations.Filter;
import org.hibernate.annotations.FilterDef;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.ParamDef;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One filled-in form. Its form and user are LAZY: reading {@code getUser().getGivenName()} on a
 * submission loaded without a join costs one query per distinct user, the N+1 problem the extractors
 * demonstrate.
 */
@Entity
@Table(schema = "app", name = "submissions")
// Which submissions a run reads, as session filters every extractor's query obeys unchanged:
// those changed in a window (an incremental run), and those in a range of ids (a chunk of a
// checkpointed or parallel run). uuid order is byte order, so a range is an index range scan.
// The window's bounds are text the server casts (Timestamptz.text): exact for every value updated_at can hold,
// -infinity and infinity included, where an OffsetDateTime parameter would go through java.sql.Timestamp.
@FilterDef(name = Submission.CHANGED_IN,
        defaultCondition = "updated_at > cast(:after as timestamptz) and updated_at <= cast(:until as timestamptz)",
        parameters = {@ParamDef(name = "after", type = String.class), @ParamDef(name = "until", type = String.class)})
@FilterDef(name = Submission.ID_FROM, defaultCondition = "id >= :low", parameters = @ParamDef(name = "low", type = UUID.class))
@FilterDef(name = Submission.ID_BELOW, defaultCondition = "id < :high", parameters = @ParamDef(name = "high", type = UUID.class))
@Filter(name = Submission.CHANGED_IN)
@Filter(name = Submission.ID_FROM)
@Filter(name = Submission.ID_BELOW)
public class Submission {
    public static final String CHANGED_IN = "changedIn";
    public static final String ID_FROM = "idFrom";
    public static final String ID_BELOW = "idBelow";

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
