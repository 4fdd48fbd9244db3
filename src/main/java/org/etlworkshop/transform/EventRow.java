package org.etlworkshop.transform;

import java.time.Instant;
import java.util.UUID;

/**
 * One response event as a light immutable row, for loaders that need no entity (COPY). It holds
 * the same fields as {@link org.etlworkshop.model.ResponseEvent}, minus the id, which the loader assigns.
 */
public record EventRow(UUID formId, String formName, UUID userId, String userFullName, UUID submissionId,
                       Instant submissionCreated, Instant processedOn, String schemaPath, String value,
                       String answerType, String tag) {
}
