package org.etlworkshop.cli;

import org.etlworkshop.report.ComparisonTable;
import org.etlworkshop.report.Profile;
import org.etlworkshop.report.Profiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** compare and matrix produce their files on small; the HTML report renders in a real headless browser. */
class ReportCommandsTest {
    private static final String DATA_DIR = "target/cli-etl";
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    Path dir;

    /** Runs etl, which must succeed; what it printed on both streams. */
    private static String etl(String... args) {
        Cli.Outcome outcome = Cli.etl(args);
        assertThat(outcome.exitCode()).as(outcome.all()).isZero();
        return outcome.all();
    }

    @Test
    void compareWritesATableWithRatiosAndTheHeapChart() {
        Path naive = dir.resolve("naive.json"), copy = dir.resolve("copy.json");
        etl("process", "small", "naive", "--data-dir", DATA_DIR, "--profile-out", naive.toString());
        etl("process", "small", "copy", "--data-dir", DATA_DIR, "--profile-out", copy.toString());
        String out = etl("compare", naive.toString(), copy.toString(), "--out", dir.resolve("chart").toString());
        assertThat(out).contains("naive", "copy", "(1.00x)", "retained (MiB)");
        assertThat(dir.resolve("chart.png")).isNotEmptyFile();
        assertThat(dir.resolve("chart.svg")).content().contains("<svg");
    }

    @Test
    void debugMemJfrAndFlameRecordTheRunNextToItsProfile() throws Exception {
        Path profile = dir.resolve("run.json");
        String out = etl("process", "small", "copy", "--debug-mem", "--jfr", "--flame", "cpu", "--data-dir", DATA_DIR,
                "--profile-out", profile.toString());
        assertThat(out).contains("memory by stage", "extract", "transform", "load", "live heap when the last event");
        assertThat(Profiles.read(profile).stages()).isNotNull();
        assertThat(dir.resolve("run.jfr")).isNotEmptyFile();
        Path flame = dir.resolve("run-flame-cpu.html");
        boolean profilerShipped = System.getProperty("os.name").equals("Linux")
                && List.of("amd64", "x86_64").contains(System.getProperty("os.arch"));
        if (profilerShipped) { // the async-profiler jar carries the linux-x64 library: it must work here
            assertThat(flame).content().contains("<html", "flame");
        } else {
            assertThat(flame).doesNotExist();
            assertThat(out).contains("no flame graph:"); // the platform refused, and said why
        }
    }

    @Test
    void sweepOverWorkersRunsBothDesignsAndChartsThemAgainstTheNumberOfWorkers() throws IOException {
        Path out = dir.resolve("profiles");
        String text = etl("sweep", "copy-binary", "small", "--over-workers", "1,2", "--repeat", "2", "--data-dir", DATA_DIR,
                "--profiles", out.toString());
        Path sweep = out.resolve("sweep-copy-binary-small-workers");
        assertThat(text).contains("[1/6] copy-binary 1-worker on small", "2-workers-partitions", "2-workers-queue",
                "[4/6] copy-binary 2-workers-partitions on small", // the second round rotated
                "one stream", "partitions", "producer waited", "rows/s min–max");
        assertThat(sweep.resolve("runs/small_copy-binary_2-workers-queue_2.json")).isNotEmptyFile();
        Profile queued = Profiles.read(sweep.resolve("runs/small_copy-binary_2-workers-queue_1.json"));
        assertThat(queued.publication().workerDesign()).isEqualTo("queue");
        assertThat(queued.publication().eventsPerWorker()).hasSize(2);
        assertThat(queued.publication().queue().fill()).isNotEmpty();
        Profile one = Profiles.read(sweep.resolve("runs/small_copy-binary_1-worker_1.json"));
        assertThat(one.publication().mode()).as("one worker is published as the others are").isEqualTo("staged");
        assertThat(one.events().written()).isEqualTo(queued.events().written());
        assertThat(sweep.resolve("rows-per-second.svg")).content().contains("<svg");
        assertThat(sweep.resolve("time.png")).isNotEmptyFile();

        Cli.Outcome twoScenarios = Cli.etl("sweep", "copy", "small", "medium", "--over-workers", "1,2", "--data-dir", DATA_DIR);
        assertThat(twoScenarios.exitCode()).isEqualTo(2);
        assertThat(twoScenarios.all()).contains("--over-workers takes one scenario").doesNotContain("Exception");
    }

    @Test
    void matrixOfStagedParallelRunsSaysHowEachWasPublished() throws IOException {
        Path out = dir.resolve("matrix-staged");
        etl("matrix", "small", "copy", "chunked-stateless", "--no-limit", "--publish", "staged", "--workers", "2",
                "--data-dir", DATA_DIR, "--out", out.toString());
        String markdown = Files.readString(out.resolve("report.md"));
        assertThat(markdown).contains("Command: `etl matrix small copy chunked-stateless --publish staged --workers 2`", // the design: each processor's
                "How the runs were published", "| `copy` | staged |", "| `chunked-stateless` | staged |", "2 (queue)");
        assertThat(Files.readString(out.resolve("report.html"))).contains("<h2>How the runs were published</h2>");
        Profile copy = Profiles.read(out.resolve("runs/small_copy_1.json"));
        assertThat(copy.publication().eventsPerWorker()).hasSize(2);
        assertThat(copy.publication().publishMillis()).isPositive();
    }

    @Test
    void matrixRunsEachProcessorInAFreshJvmAndWritesTheReport() throws Exception {
        Path out = dir.resolve("matrix");
        String text = etl("matrix", "small", "naive", "chunked", "copy", "--data-dir", DATA_DIR, "--out", out.toString());
        assertThat(text).contains("[limit 1/1] limit on small: text COPY", "psql \\copy CSV", "[1/3] naive on small", "[3/3] copy on small",
                "of JDBC batch", "of text COPY", "x psql \\copy", "report.html");
        assertThat(Files.list(out.resolve("runs")).filter(p -> p.toString().endsWith("_1.json") && !p.toString().contains("_limit_"))).hasSize(3);
        assertThat(out.resolve("runs/small_limit_1.json")).isNotEmptyFile();
        assertThat(Profiles.read(out.resolve("runs/small_copy_1.json")).memory().retainedHeapAtEndBytes())
                .as("every matrix run measures its retained heap by a full GC at its last event").isPositive();
        String html = Files.readString(out.resolve("report.html"));
        assertThat(html).contains("<svg", "Heap over time", "The lessons", "Against what PostgreSQL can take").doesNotContain("<script src", "<link", "src=\"http", "href=\"http");
        assertThat(Files.readString(out.resolve("report.md"))).contains("| `naive` |", "| `chunked` |", "| `copy` |", "memory.png");
        assertThat(out.resolve("memory.png")).isNotEmptyFile();

        assumeTrue(Files.isExecutable(CHROMIUM), "Debian's chromium is not installed (.ci/run installs it)");
        String page = renderedDom(out.resolve("report.html"));
        List<Profile> profiles = Stream.of("naive", "chunked", "copy")
                .map(name -> Profiles.read(out.resolve("runs/small_" + name + "_1.json"))).toList();
        List<List<String>> rows = tableRows(page, "comparison");
        ComparisonTable table = new ComparisonTable(profiles);
        List<Integer> shown = ComparisonTable.HTML_COLUMNS.stream().map(table.headers()::indexOf).toList();
        assertThat(rows).as("what a reader sees is the report's table, one row per processor, its key columns")
                .isEqualTo(table.rows().stream().map(row -> shown.stream().map(row::get).toList()).toList());
        for (int i = 0; i < profiles.size(); i++) { // and its figures are the profiles', read straight from them
            Profile p = profiles.get(i);
            List<String> row = rows.get(i);
            assertThat(row.get(0)).isEqualTo(p.processor().name());
            assertThat(row.get(1)).startsWith(String.format("%.2f (", p.phases().runSeconds()));
            assertThat(row.get(2)).startsWith(String.format("%,.0f (", p.rowsPerSecond()));
            assertThat(row.get(3)).isEqualTo(String.format("%,d", p.sql().queries()));
            assertThat(row.get(5)).startsWith(String.format("%,.1f (", p.memory().retainedBytes() / 1048576.0));
        }
        List<String> charts = Pattern.compile("<svg.*?</svg>", Pattern.DOTALL).matcher(page).results()
                .map(MatchResult::group).toList();
        assertThat(charts).as("heap over time of each processor, live heap by progress, run time, throughput")
                .hasSize(profiles.size() + 3)
                .allSatisfy(svg -> assertThat(svg).as("a chart with something drawn in it").contains("<path"));
    }

    /**
     * The committed large reference, its report written again from its runs/ ({@code --report-only}),
     * read as a reader at 1,400 px would: no table, the main one first, scrolls sideways, and each
     * processor's heap has its own chart drawn in its own colour, far from every other processor's.
     */
    @Test
    void referenceReportFitsA1400PixelWindowAndTellsEachProcessorsHeapApart() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "Debian's chromium is not installed (.ci/run installs it)");
        Path reference = Path.of("profiles/reference/large/runs"), out = dir.resolve("large");
        Files.createDirectories(out.resolve("runs"));
        List<String> processors;
        try (Stream<Path> runs = Files.list(reference)) {
            List<Path> files = runs.toList();
            for (Path file : files) {
                Files.copy(file, out.resolve("runs").resolve(file.getFileName()));
            }
            processors = files.stream().map(f -> f.getFileName().toString()).filter(f -> f.matches("large_.*_1\\.json"))
                    .map(f -> f.substring("large_".length(), f.length() - "_1.json".length())).filter(p -> !p.equals("limit"))
                    .sorted().toList();
        }
        List<String> args = new ArrayList<>(List.of("matrix", "large"));
        args.addAll(processors);
        args.addAll(List.of("--repeat", "3", "--report-only", "--data-dir", DATA_DIR, "--out", out.toString()));
        etl(args.toArray(String[]::new));
        List<Profile> firstRounds = processors.stream().map(p -> Profiles.read(out.resolve("runs/large_" + p + "_1.json"))).toList();
        double largest = firstRounds.stream().mapToDouble(p -> p.memory().peakHeapBytes()).max().orElseThrow();
        double smallest = firstRounds.stream().mapToDouble(p -> p.memory().peakHeapBytes()).min().orElseThrow();
        assertThat(largest).as("the reference shows the problem: one heap dwarfs the others").isGreaterThan(5 * smallest);

        String html = Files.readString(out.resolve("report.html"));
        Path measured = out.resolve("measured.html"); // the report stays script-free; the copy measures itself
        Files.writeString(measured, html.replace("</body>", MEASURE_WIDTHS + "</body>"));
        String page = renderedDom(measured, "--window-size=1400,1000");
        Matcher widths = Pattern.compile("<pre id=\"widths\">(.*?)</pre>", Pattern.DOTALL).matcher(page);
        assertThat(widths.find()).as("the measuring script ran").isTrue();
        List<String> lines = widths.group(1).lines().toList();
        assertThat(lines.get(0)).as("the first table measured is the main one").startsWith("comparison ");
        assertThat(lines).as("every table and the page: scrollWidth clientWidth").hasSizeGreaterThan(4).allSatisfy(line -> {
            String[] f = line.split(" ");
            assertThat(Integer.parseInt(f[1])).as(line + ": no sideways scroll").isLessThanOrEqualTo(Integer.parseInt(f[2]));
        });
        assertThat(lines.get(lines.size() - 1)).as("the window measured is 1,400 px wide").matches("page \\d+ 1[34]\\d\\d");
        assertThat(tableRows(page, "comparison")).extracting(row -> row.size())
                .as("run, time, rows/s, queries, peak heap, retained, allocated, GC pause, others' CPU: none hidden")
                .containsOnly(9);

        Matcher figure = Pattern.compile("<figure class=\"heap\" data-processor=\"([^\"]+)\" data-colour=\"#(\\w{6})\">(.*?)</figure>",
                Pattern.DOTALL).matcher(page);
        Map<String, Color> colours = new LinkedHashMap<>();
        while (figure.find()) {
            Color colour = new Color(Integer.parseInt(figure.group(2), 16));
            assertThat(figure.group(3)).as(figure.group(1) + "'s heap is drawn in its colour")
                    .contains("stroke:" + rgb(colour));
            colours.put(figure.group(1), colour);
        }
        assertThat(colours.keySet()).as("one heap chart per processor").containsExactlyElementsOf(processors);
        List<String> later = Pattern.compile("<svg.*?</svg>", Pattern.DOTALL).matcher(page.substring(page.indexOf("</figure>\n</div>")))
                .results().map(MatchResult::group).toList();
        assertThat(later).as("live heap by progress, run time, throughput").hasSize(3);
        colours.forEach((processor, colour) -> {
            assertThat(later.get(0)).as(processor + "'s line through the run, in its colour").contains("stroke:" + rgb(colour));
            assertThat(later.subList(1, 3)).as(processor + "'s bars, in its colour").allSatisfy(svg -> assertThat(svg)
                    .contains("fill:" + rgb(colour)));
        });
        for (String a : processors) {
            for (String b : processors) {
                if (a.compareTo(b) < 0) {
                    assertThat(distance(colours.get(a), colours.get(b))).as(a + " and " + b + " look alike").isGreaterThan(50);
                }
            }
        }
    }

    /** The medium reference's third round of flush-per-entity failed; a report built again says so, and why. */
    @Test
    void aReportSaysWhichRoundsAreMissingAndWhy() throws IOException {
        Path reference = Path.of("profiles/reference/medium/runs"), out = dir.resolve("medium");
        Files.createDirectories(out.resolve("runs"));
        for (String run : List.of("flush-per-entity_1.json", "flush-per-entity_2.json", "flush-per-entity_3.log",
                "copy_1.json", "copy_2.json")) { // and copy's third round left out: neither profile nor log, never run
            Files.copy(reference.resolve("medium_" + run), out.resolve("runs/medium_" + run));
        }
        assertThat(reference.resolve("medium_flush-per-entity_3.json")).as("the reference's missing round").doesNotExist();
        String text = etl("matrix", "medium", "flush-per-entity", "copy", "--repeat", "3", "--no-limit", "--report-only",
                "--data-dir", DATA_DIR, "--out", out.toString());
        String markdown = Files.readString(out.resolve("report.md"));
        String html = Files.readString(out.resolve("report.html")).replace("&quot;", "\"");
        for (String said : List.of(text, markdown, html)) {
            assertThat(said).contains("flush-per-entity: 2 of 3 rounds, the median of those; round 3 failed: "
                            + "Exception in thread \"main\" java.lang.NoClassDefFoundError", "(medium_flush-per-entity_3.log)",
                    "copy: 2 of 3 rounds, the median of those; round 3 was not run");
        }
        assertThat(markdown).contains("Median of 3 runs per processor (by run time), each run in a fresh JVM; "
                + "fewer rounds for flush-per-entity 2 of 3, copy 2 of 3 (the notes say why)");
    }

    /** Writes, for each table's box and then the page, "name scrollWidth clientWidth" into the DOM. */
    private static final String MEASURE_WIDTHS = """
            <script>
            const lines = [...document.querySelectorAll('table')].map(t => {
              const box = t.parentElement.classList.contains('scroll') ? t.parentElement : t;
              return (t.className || 'table') + ' ' + box.scrollWidth + ' ' + box.clientWidth;
            });
            const root = document.scrollingElement;
            lines.push('page ' + root.scrollWidth + ' ' + root.clientWidth);
            const pre = document.createElement('pre');
            pre.id = 'widths';
            pre.textContent = lines.join('\\n');
            document.body.appendChild(pre);
            </script>
            """;

    private static String rgb(Color c) {
        return "rgb(" + c.getRed() + "," + c.getGreen() + "," + c.getBlue() + ")";
    }

    private static double distance(Color a, Color b) {
        return Math.sqrt(Math.pow(a.getRed() - b.getRed(), 2) + Math.pow(a.getGreen() - b.getGreen(), 2)
                + Math.pow(a.getBlue() - b.getBlue(), 2));
    }

    /** The cells of each body row of the table with this class, as the browser parsed them. */
    static List<List<String>> tableRows(String dom, String tableClass) {
        Matcher body = Pattern.compile("<table class=\"" + tableClass + "\">.*?<tbody>(.*?)</tbody>", Pattern.DOTALL)
                .matcher(dom);
        assertThat(body.find()).as("the " + tableClass + " table is in the rendered page").isTrue();
        Pattern cell = Pattern.compile("<t[hd][^>]*>(.*?)</t[hd]>", Pattern.DOTALL);
        return Pattern.compile("<tr>(.*?)</tr>", Pattern.DOTALL).matcher(body.group(1)).results()
                .map(row -> cell.matcher(row.group(1)).results().map(c -> unescape(text(c.group(1)))).toList())
                .toList();
    }

    /** A cell's text as read: a line break as a space, other tags (e.g. the ratio's span) gone. */
    private static String text(String html) {
        return html.replace("<br>", " ").replaceAll("<[^>]+>", "").trim();
    }

    private static String unescape(String html) {
        return html.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&amp;", "&");
    }

    /** Loads the file in headless Chromium and returns the DOM the browser built from it. */
    static String renderedDom(Path html, String... options) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("chromium");
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile));
        command.addAll(List.of(options));
        command.addAll(List.of("--dump-dom", html.toUri().toString()));
        Process chromium = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String dom = new String(chromium.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(chromium.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return dom;
    }
}
