package org.etlworkshop.extract;

import org.etlworkshop.scenario.FormSchema;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Parses each form's schema once per run, not once per submission: a large run has tens of
 * thousands of submissions but a handful of forms.
 */
final class FormSchemaCache {
    private final Map<UUID, FormSchema> schemas = new HashMap<>();

    FormSchema get(UUID formId, Supplier<String> schemaJson) {
        return schemas.computeIfAbsent(formId, id -> FormSchema.parse("form " + id, schemaJson.get()));
    }
}
