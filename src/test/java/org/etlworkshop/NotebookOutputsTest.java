package org.etlworkshop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The committed lesson notebooks are executed against {@code notebooks/exercises/}, never the trainer's
 * {@code solutions/}: a reader who opens one on GitHub must not find the answers in its outputs. Every check cell
 * (a {@code with exercise(...)} block, workshop.py's wrapper) shows "not solved yet" and no "solved" mark, and
 * every lesson has one. No database: this reads the committed files only ({@code .ci/run} executes them).
 */
class NotebookOutputsTest {
    private static final Path NOTEBOOKS = Path.of("notebooks");

    @Test
    void everyCheckCellWasRunAgainstTheUntouchedExercises() throws IOException {
        List<Path> lessons;
        try (Stream<Path> files = Files.list(NOTEBOOKS)) {
            lessons = files.filter(p -> p.getFileName().toString().matches("0\\d-.*\\.ipynb")).sorted().toList();
        }
        assertThat(lessons).hasSizeGreaterThanOrEqualTo(9);
        ObjectMapper json = new ObjectMapper();
        for (Path lesson : lessons) {
            int checks = 0;
            for (JsonNode cell : json.readTree(lesson.toFile()).path("cells")) {
                String output = outputText(cell);
                assertThat(output).as(lesson + ": a cell's committed output shows a solved exercise").doesNotContain("\u2713 solved");
                if (cell.path("cell_type").asText().equals("code") && text(cell.path("source")).contains("with exercise(")) {
                    checks++;
                    assertThat(output).as(lesson + ": a check cell's committed output").contains("not solved yet");
                }
            }
            assertThat(checks).as(lesson + ": check cells").isPositive();
        }
    }

    private static String outputText(JsonNode cell) {
        List<String> parts = new ArrayList<>();
        for (JsonNode output : cell.path("outputs")) {
            parts.add(text(output.path("text")));
            parts.add(text(output.path("data").path("text/plain")));
            parts.add(text(output.path("data").path("text/markdown")));
            parts.add(text(output.path("evalue")));
        }
        return String.join("\n", parts);
    }

    /** A notebook's text: a string, or a list of lines. */
    private static String text(JsonNode node) {
        if (node.isArray()) {
            StringBuilder all = new StringBuilder();
            node.forEach(line -> all.append(line.asText()));
            return all.toString();
        }
        return node.asText("");
    }
}
