package org.etlworkshop.extract;

import org.etlworkshop.UsageException;
import org.etlworkshop.scenario.FormSchema;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Parses each form's schema once per run, not once per submission: a large run has tens of
 * thousands of submissions but a handful of forms. A schema that cannot be used is remembered with
 * its reason: that form's submissions are rejected, every other form's load.
 */
final class FormSchemaCache {
    /** A form's parsed schema, or (schema null) why it cannot be used. */
    record Parsed(FormSchema schema, String problem) {
    }

    private final Map<UUID, Parsed> schemas = new HashMap<>();

    Parsed get(UUID formId, Supplier<String> schemaJson) {
        return schemas.computeIfAbsent(formId, id -> parse(id, schemaJson.get()));
    }

    private static Parsed parse(UUID formId, String json) {
        try {
            return new Parsed(FormSchema.parse("form " + formId, json), null);
        } catch (UsageException e) {
            return new Parsed(null, "its form's schema cannot be used: " + e.getMessage());
        }
    }
}
