package org.etlworkshop.transform;

import java.util.UUID;

/**
 * What a run set aside, and why; the run goes on without it. Either a whole submission
 * ({@code schemaPath} null: its answers cannot be read at all) or one answer that does not fit its
 * question's type ({@code schemaPath} and the {@code value} as written), while the submission's other
 * answers load.
 */
public record Rejection(UUID submissionId, String schemaPath, String value, String reason) {

    public static Rejection submission(UUID submissionId, String reason) {
        return new Rejection(submissionId, null, null, reason);
    }

    public static Rejection answer(UUID submissionId, String schemaPath, String value, String reason) {
        return new Rejection(submissionId, schemaPath, value, reason);
    }

    public boolean isWholeSubmission() {
        return schemaPath == null;
    }
}
