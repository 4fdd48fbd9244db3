package org.etlworkshop.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.util.UUID;

/** A questionnaire; {@code schema} is its JSON tree of sections, groups and questions. */
@Entity
@Table(schema = "app", name = "forms")
public class Form {
    @Id
    private UUID id;

    @Column(nullable = false, unique = true)
    private String name;

    @Column(nullable = false)
    private String description;

    /** Kept as the JSON text; parsed once per form by the extractor's schema cache. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    private String schema;

    protected Form() {
    }

    public Form(UUID id, String name, String description, String schema) {
        this.id = id;
        this.name = name;
        this.description = description;
        this.schema = schema;
    }

    public UUID getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getDescription() {
        return description;
    }

    public String getSchema() {
        return schema;
    }
}
