package org.etlworkshop.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Profiles side by side: one row per profile, each number followed by its ratio to the first
 * profile's. One model, rendered as text for the terminal, Markdown for the README and HTML for reports.
 */
public final class ComparisonTable {
    private static final double MIB = 1048576.0;

    private record Column(String title, String unit, ToDoubleFunction<Profile> value, String format, boolean ratio) {
    }

    private static final List<Column> COLUMNS = List.of(
            new Column("time", "s", p -> p.phases().runSeconds(), "%.2f", true),
            new Column("rows/s", "", Profile::rowsPerSecond, "%,.0f", true),
            new Column("queries", "", p -> p.sql().queries(), "%,.0f", false),
            new Column("INSERTs", "", p -> p.sql().inserts(), "%,.0f", false),
            new Column("batches", "", p -> p.sql().batches(), "%,.0f", false),
            new Column("COPY", "", p -> p.sql().copies(), "%,.0f", false),
            new Column("peak heap", "MiB", p -> p.memory().peakHeapBytes() / MIB, "%,.0f", true),
            new Column("retained", "MiB", p -> p.memory().retainedBytes() / MIB, "%,.1f", true),
            new Column("allocated", "MiB", p -> p.memory().allocatedBytes() / MIB, "%,.0f", true),
            new Column("GC pause", "ms", p -> p.memory().gcPauseMillis(), "%,.0f", false));

    private final List<Profile> profiles;

    public ComparisonTable(List<Profile> profiles) {
        this.profiles = List.copyOf(profiles);
    }

    public List<String> headers() {
        List<String> headers = new ArrayList<>(List.of("run", "events"));
        for (Column c : COLUMNS) {
            headers.add(c.unit().isEmpty() ? c.title() : c.title() + " (" + c.unit() + ")");
        }
        headers.add("others' CPU");
        return headers;
    }

    /** Each row's cells; ratio columns read "12.30 (2.1x)" against the first profile. */
    public List<List<String>> rows() {
        List<List<String>> rows = new ArrayList<>();
        Profile first = profiles.get(0);
        for (Profile p : profiles) {
            List<String> row = new ArrayList<>(List.of(p.processor().name(),
                    String.format("%,d", p.events().written())));
            for (Column c : COLUMNS) {
                double value = c.value().applyAsDouble(p);
                String cell = String.format(c.format(), value);
                double base = c.value().applyAsDouble(first);
                if (c.ratio() && profiles.size() > 1 && base > 0) {
                    cell += String.format(" (%.2fx)", value / base);
                }
                row.add(cell);
            }
            row.add(othersCell(p));
            rows.add(row);
        }
        return rows;
    }

    /** The share of the machine other processes used during the run; n/a in profiles older than the meter. */
    private static String othersCell(Profile p) {
        if (p.interference() == null) {
            return "n/a";
        }
        return String.format("%.0f%%", 100 * p.interference().outsideShare()) + (p.disturbed() ? " DISTURBED" : "");
    }

    public String toText() {
        List<String> headers = headers();
        List<List<String>> rows = rows();
        int[] widths = new int[headers.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = headers.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        appendAligned(out, headers, widths);
        for (List<String> row : rows) {
            appendAligned(out, row, widths);
        }
        return out.toString();
    }

    private static void appendAligned(StringBuilder out, List<String> cells, int[] widths) {
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            String padding = " ".repeat(widths[i] - cell.length());
            out.append(i == 0 ? cell + padding : "  " + padding + cell);
        }
        out.append('\n');
    }

    public String toMarkdown() {
        StringBuilder out = new StringBuilder("| " + String.join(" | ", headers()) + " |\n|");
        out.append("---|".repeat(headers().size())).append('\n');
        for (List<String> row : rows()) {
            out.append("| `").append(row.get(0)).append("` | ").append(String.join(" | ", row.subList(1, row.size()))).append(" |\n");
        }
        return out.toString();
    }

    /**
     * The columns of the HTML report's main table: what a reader compares first, plus every memory
     * figure and others' CPU, narrow enough for a 1,400 px window without scrolling sideways. The
     * statement counts have their own table in the report; the events are in its heading.
     */
    public static final List<String> HTML_COLUMNS = List.of("run", "time (s)", "rows/s", "queries", "peak heap (MiB)",
            "retained (MiB)", "allocated (MiB)", "GC pause (ms)", "others' CPU");

    /** The main table: {@link #HTML_COLUMNS}, each ratio on a line under its figure. */
    public String toHtml() {
        List<String> headers = headers();
        List<Integer> shown = HTML_COLUMNS.stream().map(headers::indexOf).toList();
        StringBuilder out = new StringBuilder("<table class=\"comparison\">\n<thead><tr>");
        for (int i : shown) {
            out.append("<th>").append(Html.escape(headers.get(i))).append("</th>");
        }
        out.append("</tr></thead>\n<tbody>\n");
        for (List<String> row : rows()) {
            out.append("<tr><th scope=\"row\">").append(Html.escape(row.get(0))).append("</th>");
            for (int i : shown.subList(1, shown.size())) {
                String cell = row.get(i);
                int ratio = cell.indexOf(" (");
                out.append("<td>").append(ratio < 0 ? Html.escape(cell) : Html.escape(cell.substring(0, ratio))
                        + "<br><span class=\"ratio\">" + Html.escape(cell.substring(ratio + 1)) + "</span>").append("</td>");
            }
            out.append("</tr>\n");
        }
        return out.append("</tbody>\n</table>\n").toString();
    }
}
