package org.etlworkshop.extract;

import org.etlworkshop.scenario.FormSchema;

import java.time.Instant;
import java.util.UUID;

/**
 * What the transformer needs of one submission, however it was fetched: its answers, its form
 * (name and parsed schema) and its user's name. Extractors differ only in how they fill it.
 *
 * @param userFullName the user's names joined by a space, null when the user has none ({@link
 *                     org.etlworkshop.model.User#fullName})
 * @param formSchema   null when the form's stored schema cannot be used; {@code formProblem} says why,
 *                     and the transformer rejects the submission with that reason
 */
public record SourceSubmission(UUID id, Instant createdAt, String responsesJson, UUID formId, String formName,
                               FormSchema formSchema, UUID userId, String userFullName, String formProblem) {

    /** A submission of a form whose schema is fine. */
    public SourceSubmission(UUID id, Instant createdAt, String responsesJson, UUID formId, String formName,
                            FormSchema formSchema, UUID userId, String userFullName) {
        this(id, createdAt, responsesJson, formId, formName, formSchema, userId, userFullName, null);
    }
}
