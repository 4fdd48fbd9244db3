package org.etlworkshop.report;

import org.etlworkshop.limit.Ceiling;
import org.etlworkshop.measure.HibernateCounts;
import org.etlworkshop.measure.SqlStatistics;
import org.etlworkshop.pipeline.LoaderRegistry;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The tables of a matrix report as rows of text, each with its columns in one place, and their
 * rendering as HTML or Markdown: how the runs were published, the ceilings, each run against them,
 * and the statements each run sent. {@link MatrixReport} lays them out.
 */
final class MatrixTables {
    static final String[] CEILING_HEADERS = {"ceiling", "seconds", "rows/s", "how"};
    static final String[] FRACTION_HEADERS = {"run", "rows/s", "family ceiling", "of its family", "of its family, streamed",
            "of binary COPY", "vs psql \\copy CSV"};
    static final String[] PUBLICATION_HEADERS = {"run", "mode", "chunks", "workers", "publish step (s)", "swap lock (ms)",
            "swap tries", "events per worker"};
    static final String[] STATEMENT_HEADERS = {"run", "queries", "nextval", "single INSERTs", "batches",
            "rows/batch", "COPY", "entity loads", "lazy fetches", "flushes", "transactions"};

    private final List<Profile> profiles;
    private final Ceilings ceilings;

    MatrixTables(List<Profile> profiles, Ceilings ceilings) {
        this.profiles = profiles;
        this.ceilings = ceilings;
    }

    /** One row per processor (its median run) that published staged or incremental; none for replace runs. */
    List<List<String>> publicationRows() {
        List<List<String>> rows = new ArrayList<>();
        for (Profile p : profiles) {
            Profile.Publication pub = p.publication();
            if (pub == null) {
                continue;
            }
            int workers = Sweep.workersOf(p);
            rows.add(List.of(p.processor().name(), pub.mode(), Integer.toString(pub.chunks()),
                    workers == 1 ? "1" : workers + " (" + pub.workerDesign() + ")",
                    String.format("%.2f", pub.publishMillis() / 1e3),
                    pub.swapLockMillis() < 0 ? "" : Long.toString(pub.swapLockMillis()),
                    pub.swapLockMillis() < 0 ? "" : Integer.toString(pub.swapAttempts()),
                    workers == 1 ? "" : pub.eventsPerWorker().stream().map(n -> String.format("%,d", n))
                            .collect(Collectors.joining(" / "))));
        }
        return rows;
    }

    List<List<String>> ceilingRows() {
        return ceilings.all().stream().map(c -> List.of(c.name(), String.format("%.2f", c.seconds()),
                String.format("%,.0f", c.rowsPerSecond()), c.method())).toList();
    }

    List<List<String>> fractionRows() {
        Ceiling binary = ceilings.binary();
        Optional<Ceiling> csv = ceilings.psqlCsv();
        return profiles.stream().map(p -> {
            Ceiling family = ceilings.familyOf(p.processor().loader());
            String streamed = LoaderRegistry.find(p.processor().loader()).flatMap(e -> e.ceiling().streamedCeilingName())
                    .flatMap(ceilings::named).map(c -> String.format("%.0f%%", 100 * p.rowsPerSecond() / c.rowsPerSecond()))
                    .orElse("n/a");
            return List.of(p.processor().name(), String.format("%,.0f", p.rowsPerSecond()),
                    family.name(), String.format("%.0f%%", 100 * p.rowsPerSecond() / family.rowsPerSecond()), streamed,
                    String.format("%.0f%%", 100 * p.rowsPerSecond() / binary.rowsPerSecond()),
                    csv.map(c -> String.format("%.2fx", p.rowsPerSecond() / c.rowsPerSecond())).orElse("n/a"));
        }).toList();
    }

    /** What to conclude: each processor's bottleneck with its evidence, from its median run ({@link Bottleneck}). */
    List<String> conclusions() {
        return profiles.stream().map(p -> {
            Bottleneck b = ceilings.isEmpty() ? Bottleneck.of(p) : Bottleneck.of(p, ceilings.familyOf(p.processor().loader()).name(),
                    java.util.OptionalDouble.of(p.rowsPerSecond() / ceilings.familyOf(p.processor().loader()).rowsPerSecond()));
            return p.processor().name() + ": " + b.line();
        }).toList();
    }

    List<List<String>> statementRows() {
        return profiles.stream().map(p -> {
            SqlStatistics.Counts s = p.sql();
            HibernateCounts h = p.hibernate();
            return List.of(p.processor().name(), n(s.queries()), n(s.sequenceCalls()), n(s.inserts()),
                    n(s.batches()), String.format("%,.0f", s.rowsPerBatch()), n(s.copies()), n(h.entityLoads()),
                    n(h.lazyFetches()), n(h.flushes()), n(h.transactions()));
        }).toList();
    }

    private static String n(long value) {
        return String.format("%,d", value);
    }

    static String html(String[] headers, List<List<String>> rows) {
        return html(headers, rows, "<table>");
    }

    /** @param table the opening tag, e.g. with a class */
    static String html(String[] headers, List<List<String>> rows, String table) {
        StringBuilder h = new StringBuilder(table).append("\n<thead><tr>");
        for (String header : headers) {
            h.append("<th>").append(Html.escape(header)).append("</th>");
        }
        h.append("</tr></thead>\n<tbody>\n");
        for (List<String> row : rows) {
            h.append("<tr><th scope=\"row\">").append(Html.escape(row.get(0))).append("</th>");
            row.subList(1, row.size()).forEach(c -> h.append("<td>").append(Html.escape(c)).append("</td>"));
            h.append("</tr>\n");
        }
        return h.append("</tbody>\n</table>\n").toString();
    }

    static String markdown(String[] headers, List<List<String>> rows) {
        StringBuilder m = new StringBuilder("| ").append(String.join(" | ", headers)).append(" |\n|")
                .append("---|".repeat(headers.length)).append('\n');
        rows.forEach(r -> m.append("| `").append(r.get(0)).append("` | ").append(String.join(" | ", r.subList(1, r.size())))
                .append(" |\n"));
        return m.toString();
    }
}
