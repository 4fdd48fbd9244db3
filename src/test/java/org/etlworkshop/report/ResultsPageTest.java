package org.etlworkshop.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.etlworkshop.UsageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/results.md is what {@code etl results-page} writes from the committed reference reports: no figure typed by hand. */
class ResultsPageTest {

    @Test
    void theCommittedResultsPageIsWhatTheCommandWrites() throws IOException {
        Path page = Path.of("docs/results.md");
        assertThat(Files.readString(page))
                .as("docs/results.md differs from what `etl results-page` writes from profiles/reference: run it again")
                .isEqualTo(ResultsPage.write(Path.of("profiles/reference"), page));
    }

    @Test
    void aReportIsEmbeddedWithItsLinksMadeToWorkFromThePage(@TempDir Path dir) throws IOException {
        Path reference = dir.resolve("profiles/reference");
        Files.createDirectories(reference.resolve("medium"));
        Files.copy(Path.of("profiles/reference/medium/report.md"), reference.resolve("medium/report.md"));
        String page = ResultsPage.render("# R\n\n{{report medium}}\n\nafter\n", reference, dir.resolve("docs/results.md"));
        assertThat(page).startsWith("# R\n\n#### `medium`: ").endsWith("\n\nafter\n")
                .contains("](../profiles/reference/medium/memory.png)").doesNotContain("](memory.png)");
    }

    /** Random sets of random processors and times: the table shows every time where its report has it, and why not elsewhere. */
    @Test
    void theFastOrDurableTableReadsEveryTimeFromTheReports(@TempDir Path dir) throws IOException {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        for (int example = 0; example < 50; example++) {
            Path reference = Files.createDirectories(dir.resolve("ref" + example));
            List<String> sets = List.of("s", "s-durable");
            Map<String, Map<String, String>> times = new LinkedHashMap<>();
            for (String set : sets) {
                Map<String, String> byProcessor = new LinkedHashMap<>();
                List<String> notRun = new ArrayList<>();
                for (int p = 0; p < 6; p++) {
                    switch (random.nextInt(3)) {
                        case 0 -> byProcessor.put("p" + p, String.format(Locale.ROOT, "%.2f", random.nextDouble() * 1000));
                        case 1 -> notRun.add("p" + p);
                        default -> { }
                    }
                }
                times.put(set, byProcessor);
                Files.createDirectories(reference.resolve(set));
                Files.writeString(reference.resolve(set).resolve("report.md"), report(set, byProcessor, notRun));
            }
            String table = ResultsPage.render("{{fast-or-durable s s-durable}}", reference, dir.resolve("docs/results.md"));
            String context = "seed " + seed + ", example " + example + ":\n" + table;
            assertThat(table).as(context).startsWith("| processor | s fast (s) | s durable (s) |\n|---|---|---|");
            for (String line : table.lines().skip(2).toList()) {
                String[] cells = line.split(" \\| ");
                String processor = cells[0].substring(3, cells[0].length() - 1);
                for (int i = 0; i < sets.size(); i++) {
                    String cell = cells[i + 1].replace(" |", "");
                    String expected = times.get(sets.get(i)).get(processor);
                    if (expected != null) {
                        assertThat(cell).as(context).isEqualTo(expected);
                    } else {
                        assertThat(cell).as(context).isIn("not run", "not in the set");
                    }
                }
            }
            long expectedRows = times.values().stream().flatMap(m -> m.keySet().stream()).distinct().count();
            assertThat(table.lines().count() - 2).as(context).isEqualTo(expectedRows);
        }
    }

    /** The README's one table is copied from the large reference: every figure in a row is in that processor's rows there. */
    @Test
    void theReadmeTableIsCopiedFromTheLargeReference() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        String section = readme.substring(readme.indexOf("## Results in one table"), readme.indexOf("What the numbers say"));
        assertThat(section).contains("profiles/reference/large/report.md");
        List<String> report = Files.readAllLines(Path.of("profiles/reference/large/report.md"));
        List<String> rows = section.lines().filter(l -> l.startsWith("| `")).toList();
        assertThat(rows).hasSizeGreaterThan(5);
        for (String row : rows) {
            String[] cells = row.split("\\|");
            String processor = cells[1].strip();
            List<String> figures = report.stream().filter(l -> l.startsWith("| " + processor + " |"))
                    .flatMap(l -> Arrays.stream(l.split("\\|")).map(c -> c.strip().split(" ")[0])).toList();
            for (int i = 2; i < cells.length; i++) {
                assertThat(figures).as("README's " + processor + " figure " + cells[i].strip()).contains(cells[i].strip());
            }
        }
    }

    @Test
    void aMissingSetIsAUsageErrorNamingTheSetsThere(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("large"));
        Files.writeString(dir.resolve("large/report.md"), report("large", Map.of("copy", "9.67"), List.of()));
        assertThatThrownBy(() -> ResultsPage.render("{{report larg}}", dir, dir.resolve("results.md")))
                .isInstanceOf(UsageException.class).hasMessageContaining("the sets there: large").hasMessageNotContaining("\n");
    }

    /** A report shaped as etl matrix writes it: the runs table first, then what was not run. */
    private static String report(String set, Map<String, String> times, List<String> notRun) {
        StringBuilder report = new StringBuilder("## `" + set + "`: 10 events\n\nMedian of 3.\n\n");
        report.append("| run | events | time (s) | rows/s |\n|---|---|---|---|\n");
        times.forEach((processor, time) -> report.append("| `").append(processor).append("` | 10 | ").append(time).append(" (1.00x) | 5 |\n"));
        report.append("\n");
        notRun.forEach(processor -> report.append("- ").append(processor).append(" was not run: too slow\n"));
        return report.toString();
    }
}
