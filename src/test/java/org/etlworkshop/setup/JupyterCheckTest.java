package org.etlworkshop.setup;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class JupyterCheckTest {

    /** etl doctor looks for the modules of exactly what notebooks/requirements.txt pins. */
    @Test
    void theCheckedModulesAreThoseOfThePinnedPackages() throws IOException {
        List<String> pinned = Files.readAllLines(Path.of("notebooks/requirements.txt")).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .peek(line -> assertThat(line).as("pinned to one version").matches("[A-Za-z0-9_.-]+==[0-9][0-9A-Za-z.]*"))
                .map(line -> line.substring(0, line.indexOf("==")))
                .toList();
        assertThat(JupyterCheck.MODULES.stream().map(m -> m.toLowerCase(Locale.ROOT)).toList())
                .containsExactlyInAnyOrderElementsOf(pinned);
    }
}
