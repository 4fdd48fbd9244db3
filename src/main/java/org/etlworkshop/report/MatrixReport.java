package org.etlworkshop.report;

import org.etlworkshop.db.ServerFacts;
import org.etlworkshop.measure.Interference;
import org.etlworkshop.measure.MemoryRecorder;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The report of an {@code etl matrix} run: one self-contained HTML file (charts inline as SVG, no
 * scripts or downloads, opens offline) and a Markdown version for the README.
 */
public final class MatrixReport {
    private static final double MIB = 1048576.0;

    private final String scenario;
    private final List<Profile> profiles;
    private final Ceilings ceilings;
    private final List<String> notes;
    private final Trust trust;
    private final String command;
    private final int repeat;
    private final MatrixTables tables;
    private final List<Profile> beside;
    private final Map<String, List<Optional<Profile>>> rounds;

    /**
     * @param result the median run of each processor (in the order they were given), the median
     *               ceilings ({@code etl limit} in the same run; may be empty), every round for the
     *               spreads, and the notes: processors skipped, failed or disturbed, with the reason
     */
    public MatrixReport(String scenario, Matrix.Result result, String command, int repeat) {
        this(scenario, result, command, repeat, List.of());
    }

    /** @param beside the median runs of a matrix of the same scenario on one server, set beside these ({@code --beside}) */
    public MatrixReport(String scenario, Matrix.Result result, String command, int repeat, List<Profile> beside) {
        this.beside = beside;
        this.scenario = scenario;
        this.profiles = result.medians();
        this.ceilings = result.ceilings();
        this.notes = result.notes();
        this.trust = new Trust(result);
        this.command = command;
        this.repeat = repeat;
        this.tables = new MatrixTables(profiles, ceilings);
        this.rounds = result.rounds();
    }

    private static final String PUBLISHED_MEANS = "staged runs load a stage table and swap it in, incremental ones merge "
            + "what changed; the publish step (a stage's indexes, ANALYZE and swap, or the merge) is part of each run's time.";

    private String environmentLine() {
        Profile.Environment e = profiles.get(0).environment();
        return String.format("%d CPUs, Java %s (%s), max heap %,.0f MiB, PostgreSQL %s (%s, %s), %s", e.cpus(),
                e.javaVersion(), e.javaVm(), e.maxHeapBytes() / MIB, e.postgresVersion(), e.server(),
                e.durable() ? "durable" : "fast: fsync and synchronous_commit off", e.os())
                + Optional.of(ServerFacts.loadSettingsLine(e.durabilitySettings()))
                .filter(line -> !line.isEmpty()).map(line -> "; " + line).orElse("");
    }

    private static final String RETAINED_MEANS = "Retained is the live heap after a full GC forced when the last event "
            + "reached the loader (the GC's time is not counted in the run's): what the run really holds. The dots in the "
            + "heap charts are the heap after every collection, which also counts old garbage a young collection does not reach.";

    private String runsLine() {
        List<String> fewer = profiles.stream().map(p -> p.processor().name()).filter(rounds::containsKey).map(name -> {
            long present = rounds.get(name).stream().filter(Optional::isPresent).count();
            return present < repeat ? name + " " + present + " of " + repeat : "";
        }).filter(s -> !s.isEmpty()).toList();
        return (repeat == 1 ? "One run per processor, each in a fresh JVM"
                : "Median of " + repeat + " runs per processor (by run time), each run in a fresh JVM")
                + (fewer.isEmpty() ? "" : "; fewer rounds for " + String.join(", ", fewer) + " (the notes say why)");
    }

    public String html() {
        ComparisonTable table = new ComparisonTable(profiles);
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>etl matrix: ").append(Html.escape(scenario)).append("</title>\n")
                .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        h.append("<h1>Loading <code>").append(Html.escape(scenario)).append("</code> ")
                .append(profiles.size()).append(" ways</h1>\n");
        h.append("<p class=\"meta\">").append(Html.escape(String.format("%,d events from %,d submissions.",
                profiles.get(0).events().written(), profiles.get(0).events().submissionsRead()))).append(' ')
                .append(Html.escape(runsLine())).append(".<br>").append(Html.escape(environmentLine()))
                .append(".<br>Started ").append(Html.escape(profiles.get(0).startedAt())).append(" with <code>")
                .append(Html.escape(command)).append("</code></p>\n");
        h.append("<h2>What to conclude</h2>\n<ul class=\"conclusions\">\n");
        tables.conclusions().forEach(line -> h.append("<li>").append(Html.escape(line)).append("</li>\n"));
        h.append("</ul>\n");
        h.append("<h2>Side by side</h2>\n<p>Ratios are to the first row. ").append(Html.escape(RETAINED_MEANS))
                .append(" The statements each run sent are in their own table below.</p>\n")
                .append("<div class=\"scroll\">").append(table.toHtml()).append("</div>\n");
        if (!notes.isEmpty()) {
            h.append("<ul class=\"notes\">\n");
            notes.forEach(n -> h.append("<li>").append(Html.escape(n)).append("</li>\n"));
            h.append("</ul>\n");
        }
        List<List<String>> published = tables.publicationRows();
        if (!published.isEmpty()) {
            h.append("<h2>How the runs were published</h2>\n<p>").append(Html.escape(PUBLISHED_MEANS)).append("</p>\n")
                    .append("<div class=\"scroll\">").append(MatrixTables.html(MatrixTables.PUBLICATION_HEADERS, published)).append("</div>\n");
        }
        if (!ceilings.isEmpty()) {
            h.append("<h2>Against what PostgreSQL can take</h2>\n<p>The same events, ready-made in files, loaded into "
                    + "the same empty table, measured in this run (<code>etl limit</code>" + (repeat > 1 ? ", the median of "
                    + repeat + " rounds" : "") + "):</p>\n<div class=\"scroll\">")
                    .append(MatrixTables.html(MatrixTables.CEILING_HEADERS, tables.ceilingRows())).append("</div>\n<p>Each processor, extract and "
                            + "transform included, against the ceiling of its own family (JDBC inserts, text COPY, binary COPY) "
                            + "against the fastest, binary COPY, and as a multiple of psql's \\copy of a CSV file:</p>\n<div class=\"scroll\">")
                    .append(MatrixTables.html(MatrixTables.FRACTION_HEADERS, tables.fractionRows())).append("</div>\n");
        }
        clusterSections((title, section) -> h.append("<h2>").append(Html.escape(title)).append("</h2>\n<div class=\"scroll\">")
                .append(MatrixTables.html(section.headers(), section.rows())).append("</div>\n"));
        h.append("<h2>How far to trust these numbers</h2>\n<p>Every round (min / median / max), and how much of the "
                + "machine other processes used while each run was measured: a run where others used more than "
                + Math.round(100 * Interference.DISTURBED_SHARE) + "% of the CPUs is marked disturbed.</p>\n<div class=\"scroll\">")
                .append(MatrixTables.html(Trust.SPREAD_HEADERS, trust.spreadRows())).append("</div>\n");
        if (!trust.ceilingSpreadRows().isEmpty()) {
            h.append("<div class=\"scroll\">").append(MatrixTables.html(Trust.CEILING_SPREAD_HEADERS, trust.ceilingSpreadRows()))
                    .append("</div>\n<p>Each processor against its ceilings, round by round:</p>\n<ul>\n");
            trust.ratioRanges().forEach(line -> h.append("<li>").append(Html.escape(line)).append("</li>\n"));
            h.append("</ul>\n<p>").append(Html.escape(Trust.PROCESS_SHAPES)).append("</p>\n");
        }
        h.append("<p>The order of the rounds rotates, so that no processor always runs first or right after the "
                + "ceilings:</p>\n<ul>\n");
        trust.orders().forEach(line -> h.append("<li>").append(Html.escape(line)).append("</li>\n"));
        h.append("</ul>\n");
        h.append("<h2>Heap over time</h2>\n<p>One chart per processor, each on its own scale (its title says what it "
                        + "retained). Thin line: heap in use, sampled every ")
                .append(MemoryRecorder.SAMPLE_INTERVAL_MILLIS).append(" ms. Dots: live heap after each GC. "
                        + "A loader with bounded memory keeps its dots flat; one that keeps everything climbs.</p>\n")
                .append(HeapMultiples.html(profiles))
                .append("<p>The same dots against the share of each run completed, so short and long runs line up"
                        + (Charts.needsLogarithmicScale(profiles) ? ", on a logarithmic scale so that every processor can be "
                        + "read beside the largest" : "") + ":</p>\n")
                .append(figure(Charts.svg(Charts.liveHeapByProgress(profiles))));
        h.append("<h2>Time and throughput</h2>\n")
                .append(figure(Charts.svg(Charts.bars("Run time (s)", "seconds", profiles, p -> p.phases().runSeconds()))))
                .append(figure(Charts.svg(Charts.bars("Throughput (rows/s)", "rows/s", profiles, Profile::rowsPerSecond))));
        h.append("<h2>What each one sends to the database</h2>\n<div class=\"scroll\">").append(MatrixTables.html(MatrixTables.STATEMENT_HEADERS,
                tables.statementRows(), "<table class=\"statements\">")).append("</div>\n");
        h.append("<h2>The lessons</h2>\n<dl class=\"lessons\">\n");
        for (Profile p : profiles) {
            h.append("<dt><code>").append(Html.escape(p.processor().name())).append("</code></dt><dd>")
                    .append(Html.escape(p.processor().description())).append("</dd>\n");
        }
        h.append("</dl>\n</body>\n</html>\n");
        return h.toString();
    }

    /** The ceilings and each processor's share of them, for the terminal. */
    public String ceilingsText() {
        StringBuilder t = new StringBuilder("Against the ceilings measured in this run:\n");
        tables.ceilingRows().forEach(r -> t.append(String.format("  %-26s %12s rows/s%n", r.get(0), r.get(2))));
        tables.fractionRows().forEach(r -> t.append(String.format("  %-26s %10s rows/s  %5s of %s (%s streamed), %5s of binary COPY, %s psql \\copy%n",
                r.get(0), r.get(1), r.get(3), r.get(2), r.get(4), r.get(5), r.get(6))));
        if (repeat > 1) {
            t.append("Over the ").append(repeat).append(" rounds, round by round:\n");
            trust.ratioRanges().forEach(line -> t.append("  ").append(line).append('\n'));
        }
        return t.toString();
    }

    /** Min / median / max over the rounds and the disturbed runs, for the terminal. */
    public String spreadText() {
        return "Spread over the rounds (min / median / max):\n" + Trust.text(Trust.SPREAD_HEADERS, trust.spreadRows())
                + (trust.ceilingSpreadRows().isEmpty() ? "" : Trust.text(Trust.CEILING_SPREAD_HEADERS, trust.ceilingSpreadRows()));
    }

    private record Table(String[] headers, List<List<String>> rows) {
    }

    /** On a Citus cluster: where the time went, and each processor beside one server ({@code --beside}); nothing otherwise. */
    private void clusterSections(java.util.function.BiConsumer<String, Table> section) {
        List<List<String>> where = ClusterTables.whereRows(profiles);
        if (where.isEmpty()) {
            return;
        }
        section.accept("Where the time went on the Citus cluster (CPU seconds of each side over the run; the coordinator's "
                + "statements to the workers and the connections it opened, as Citus counted them)",
                new Table(ClusterTables.WHERE_HEADERS, where));
        List<List<String>> rows = ClusterTables.besideRows(profiles, beside);
        if (!rows.isEmpty()) {
            section.accept("The cluster beside one server on the same machine (median runs; the ratio is the cluster's time "
                    + "over one server's: what the coordinator and the hop to the workers cost)", new Table(ClusterTables.BESIDE_HEADERS, rows));
        }
    }

    private static String figure(String svg) {
        int start = svg.indexOf("<svg");
        return "<figure>" + (start >= 0 ? svg.substring(start) : svg) + "</figure>\n";
    }

    /** The Markdown version; the PNG names are the charts' files relative to the Markdown file. */
    public String markdown(String memoryPng, String liveHeapPng) {
        StringBuilder m = new StringBuilder();
        m.append("## `").append(scenario).append("`: ").append(String.format("%,d events", profiles.get(0).events().written()))
                .append("\n\n").append(runsLine()).append(". ").append(environmentLine()).append(".\n\n")
                .append("Command: `").append(command).append("`\n\n")
                .append("What to conclude:\n\n");
        tables.conclusions().forEach(line -> m.append("- ").append(line).append('\n'));
        m.append('\n')
                .append(new ComparisonTable(profiles).toMarkdown()).append('\n').append(RETAINED_MEANS).append("\n\n");
        notes.forEach(n -> m.append("- ").append(n).append('\n'));
        List<List<String>> published = tables.publicationRows();
        if (!published.isEmpty()) {
            m.append("\nHow the runs were published: ").append(PUBLISHED_MEANS).append("\n\n")
                    .append(MatrixTables.markdown(MatrixTables.PUBLICATION_HEADERS, published));
        }
        if (!ceilings.isEmpty()) {
            m.append("\nAgainst what PostgreSQL can take (`etl limit`, same run" + (repeat > 1 ? ", median of " + repeat
                    + " rounds" : "") + "):\n\n")
                    .append(MatrixTables.markdown(MatrixTables.CEILING_HEADERS, tables.ceilingRows())).append('\n')
                    .append(MatrixTables.markdown(MatrixTables.FRACTION_HEADERS, tables.fractionRows()));
        }
        clusterSections((title, table) -> m.append('\n').append(title).append(":\n\n")
                .append(MatrixTables.markdown(table.headers(), table.rows())));
        m.append("\nHow far to trust these numbers: every round (min / median / max), and how much of the machine other "
                + "processes used while each was measured (a run where others used more than "
                + Math.round(100 * Interference.DISTURBED_SHARE) + "% of the CPUs is marked disturbed):\n\n")
                .append(MatrixTables.markdown(Trust.SPREAD_HEADERS, trust.spreadRows()));
        if (!trust.ceilingSpreadRows().isEmpty()) {
            m.append('\n').append(MatrixTables.markdown(Trust.CEILING_SPREAD_HEADERS, trust.ceilingSpreadRows()))
                    .append("\nEach processor against its ceilings, round by round:\n\n");
            trust.ratioRanges().forEach(line -> m.append("- ").append(line).append('\n'));
            m.append('\n').append(Trust.PROCESS_SHAPES).append('\n');
        }
        m.append("\nOrder of the rounds (it rotates):\n\n");
        trust.orders().forEach(line -> m.append("- ").append(line).append('\n'));
        m.append('\n').append(MatrixTables.markdown(MatrixTables.STATEMENT_HEADERS, tables.statementRows()));
        m.append("\n![Heap over time, one chart per processor on its own scale](").append(memoryPng).append(")\n");
        m.append("\n![Live heap after GC, through the run](").append(liveHeapPng).append(")\n");
        return m.toString();
    }

    private static final String CSS = """
            body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; max-width: 1100px; margin: 2em auto;
                   padding: 0 1em; color: #222; }
            h1 { font-size: 1.7em; margin-bottom: .2em; }
            h2 { font-size: 1.25em; margin-top: 2em; border-bottom: 1px solid #ddd; padding-bottom: .2em; }
            .meta { color: #555; font-size: .92em; }
            table { border-collapse: collapse; width: 100%; font-size: .84em; font-variant-numeric: tabular-nums; }
            th, td { padding: .35em .5em; border-bottom: 1px solid #e4e4e4; text-align: right; }
            tbody th, .comparison td { white-space: nowrap; }
            thead th { background: #f4f6f8; border-bottom: 2px solid #ccc; white-space: normal; vertical-align: bottom; }
            td .ratio { color: #666; font-size: .9em; }
            tbody th { text-align: left; font-family: ui-monospace, monospace; }
            tbody tr:hover { background: #fafbfc; }
            .scroll { overflow-x: auto; }
            figure { margin: 1em 0; }
            figure svg { max-width: 100%; height: auto; }
            .multiples { display: grid; grid-template-columns: repeat(3, 1fr); gap: .5em; }
            .multiples figure { margin: 0; }
            .notes { color: #8a4b00; }
            dl.lessons dt { font-weight: bold; margin-top: .6em; }
            dl.lessons dd { margin-left: 1.5em; }
            code { background: #f2f2f2; padding: 0 .25em; border-radius: 3px; }
            """;
}
