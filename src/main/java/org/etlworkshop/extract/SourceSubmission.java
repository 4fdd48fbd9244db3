package org.etlworkshop.extract;

import org.etlworkshop.scenario.FormSchema;

import java.time.Instant;
import java.util.UUID;

/**
 * What the transformer needs of one submission, however it was fetched: its answers, its form
 * (name and parsed schema) and its user's name. Extractors differ only in how they fill it.
 */
public record SourceSubmission(UUID id, Instant createdAt, String responsesJson, UUID formId, String formName,
                               FormSchema formSchema, UUID userId, String userFullName) {
}
