package org.etlworkshop.scenario;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

final class TestSchemas {
    private TestSchemas() {
    }

    static FormSchema shipped(String name) {
        Path file = Path.of("scenarios", "schemas", name + ".json");
        try {
            return FormSchema.parse(file.toString(), Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
