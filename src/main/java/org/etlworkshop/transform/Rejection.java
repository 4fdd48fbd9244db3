package org.etlworkshop.transform;

import java.util.UUID;

/** A submission the transformer could not turn into events, and why. The run goes on without it. */
public record Rejection(UUID submissionId, String reason) {
}
