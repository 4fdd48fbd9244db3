package org.etlworkshop.report;

import org.etlworkshop.UsageException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code docs/results.md}, written from the committed reference reports so that no figure on it is typed
 * by hand. The prose is a template ({@code results-page.md}); {@code {{report SET}}} becomes the
 * Markdown report of {@code profiles/reference/SET} as {@code etl matrix} wrote it (its links made to
 * work from the page), and {@code {{fast-or-durable SET...}}} a table of each processor's median time in
 * each set, read from those reports.
 */
public final class ResultsPage {
    private static final String TEMPLATE = "/results-page.md";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(report|fast-or-durable) ([^}]+)}}");
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");
    private static final String RUNS_TABLE = "| run | events | time (s) |";

    private ResultsPage() {
    }

    /** The page for {@code out}, from the template on the classpath and the reports under {@code reference}. */
    public static String write(Path reference, Path out) {
        try (InputStream in = ResultsPage.class.getResourceAsStream(TEMPLATE)) {
            return render(new String(in.readAllBytes(), StandardCharsets.UTF_8), reference, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String render(String template, Path reference, Path out) {
        Path from = out.toAbsolutePath().getParent();
        Matcher placeholder = PLACEHOLDER.matcher(template);
        StringBuilder page = new StringBuilder();
        while (placeholder.find()) {
            List<String> sets = List.of(placeholder.group(2).trim().split("\\s+"));
            String text = placeholder.group(1).equals("report")
                    ? report(reference, sets.get(0), from)
                    : fastOrDurable(reference, sets);
            placeholder.appendReplacement(page, Matcher.quoteReplacement(text));
        }
        return placeholder.appendTail(page).toString();
    }

    /** A set's report, its title one level under the page's sections and its links made relative to the page. */
    private static String report(Path reference, String set, Path from) {
        Path dir = reference.resolve(set).toAbsolutePath().normalize();
        String base = from.relativize(dir).toString().replace('\\', '/') + "/";
        String report = read(reference, set).strip().replaceFirst("^## ", "#### ");
        return LINK.matcher(report).replaceAll(link -> {
            String target = link.group(1);
            boolean relative = !SCHEME.matcher(target).find() && !target.startsWith("#");
            return Matcher.quoteReplacement("](" + (relative ? base + target : target) + ")");
        });
    }

    /** Each processor's median time (s) in each set, side by side; a set without it says why. */
    private static String fastOrDurable(Path reference, List<String> sets) {
        Map<String, Map<String, String>> times = new LinkedHashMap<>();
        Set<String> processors = new LinkedHashSet<>();
        for (String set : sets) {
            times.put(set, medianTimes(read(reference, set)));
            processors.addAll(times.get(set).keySet());
        }
        List<String> lines = new ArrayList<>();
        lines.add("| processor | " + String.join(" | ", sets.stream().map(ResultsPage::label).toList()) + " |");
        lines.add("|---" + "|---".repeat(sets.size()) + "|");
        for (String processor : processors) {
            List<String> cells = new ArrayList<>();
            for (String set : sets) {
                String time = times.get(set).get(processor);
                cells.add(time != null ? time
                        : read(reference, set).contains("- " + processor + " was not run") ? "not run" : "not in the set");
            }
            lines.add("| `" + processor + "` | " + String.join(" | ", cells) + " |");
        }
        return String.join("\n", lines);
    }

    private static String label(String set) {
        return set.endsWith("-durable") ? set.substring(0, set.length() - "-durable".length()) + " durable (s)" : set + " fast (s)";
    }

    /** The time column of a report's first table: "110.89 (1.00x)" is 110.89. */
    private static Map<String, String> medianTimes(String report) {
        Map<String, String> times = new LinkedHashMap<>();
        List<String> lines = report.lines().toList();
        int header = lines.indexOf(lines.stream().filter(l -> l.startsWith(RUNS_TABLE)).findFirst()
                .orElseThrow(() -> new UsageException("a reference report has no table starting " + RUNS_TABLE)));
        for (String line : lines.subList(header + 2, lines.size())) {
            if (!line.startsWith("| `")) {
                break;
            }
            String[] cells = line.split("\\|");
            times.put(cells[1].strip().replace("`", ""), cells[3].strip().split(" ")[0]);
        }
        return times;
    }

    private static String read(Path reference, String set) {
        Path report = reference.resolve(set).resolve("report.md");
        if (!Files.isRegularFile(report)) {
            throw new UsageException("no reference report " + report + "; the sets there: " + String.join(", ", sets(reference)));
        }
        try {
            return Files.readString(report);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> sets(Path reference) {
        try (Stream<Path> dirs = Files.list(reference)) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("report.md"))).map(d -> d.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
