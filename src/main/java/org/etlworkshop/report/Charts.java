package org.etlworkshop.report;

import org.etlworkshop.pipeline.WorkerDesign;
import org.etlworkshop.IoErrors;
import org.etlworkshop.EtlException;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.awt.Color;
import java.awt.Font;

/** The report charts, drawn with XChart and saved as PNG and SVG. */
public final class Charts {
    private static final double MIB = 1048576.0;
    /** Axis numbers as people write them: 200,000 and 1,655, never 2E5. */
    static final String PLAIN_NUMBERS = "#,##0.##";

    private Charts() {
    }

    /**
     * Heap over time for several runs on one time axis, like {@code mprof plot} with several runs:
     * the sampled heap in use as a thin line, the live heap after each GC as dots on a thicker line.
     */
    public static XYChart memoryOverTime(List<Profile> profiles) {
        XYChart chart = new XYChartBuilder().width(1100).height(560).title("Heap over time")
                .xAxisTitle("seconds since the run started").yAxisTitle("MiB").build();
        style(chart.getStyler());
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        for (int i = 0; i < profiles.size(); i++) {
            Profile p = profiles.get(i);
            Color color = Palette.of(i); // a run's two series share its colour
            String name = p.processor().name();
            List<long[]> samples = p.memory().heapSamples();
            if (!samples.isEmpty()) {
                XYSeries used = chart.addSeries(name + ": heap in use", seconds(samples), mib(samples));
                used.setMarker(SeriesMarkers.NONE);
                used.setLineWidth(1f);
                used.setLineColor(color);
            }
            List<long[]> live = p.memory().liveHeapAfterGc();
            if (!live.isEmpty()) {
                XYSeries retained = chart.addSeries(name + ": live after GC", seconds(live), mib(live));
                retained.setMarker(SeriesMarkers.CIRCLE);
                retained.setLineWidth(2.5f);
                retained.setLineColor(color);
                retained.setMarkerColor(color);
            }
        }
        return chart;
    }

    /**
     * The live heap after each GC against the share of the run completed (0 to 100%), so runs of very
     * different lengths can be compared: flat means bounded, rising means the run keeps what it loads.
     * Where the largest heap is more than ten times the smallest, the heap axis is logarithmic, so that
     * 20 MiB and 1.6 GiB are both read off it.
     */
    public static XYChart liveHeapByProgress(List<Profile> profiles) {
        boolean logarithmic = needsLogarithmicScale(profiles);
        XYChart chart = new XYChartBuilder().width(1100).height(480).title("Live heap after GC, through the run")
                .xAxisTitle("% of the run").yAxisTitle(logarithmic ? "MiB (logarithmic)" : "MiB").build();
        style(chart.getStyler());
        chart.getStyler().setYAxisLogarithmic(logarithmic);
        chart.getStyler().setYAxisLogarithmicDecadeOnly(false); // 20, 50, 100... not only 10, 100, 1000
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        for (int i = 0; i < profiles.size(); i++) {
            Profile p = profiles.get(i);
            List<long[]> live = p.memory().liveHeapAfterGc();
            double runMillis = p.phases().runSeconds() * 1000;
            if (live.isEmpty() || runMillis <= 0) {
                continue;
            }
            double[] x = live.stream().mapToDouble(s -> Math.min(100, 100 * s[0] / runMillis)).toArray();
            XYSeries series = chart.addSeries(p.processor().name(), x, mib(live));
            series.setMarker(SeriesMarkers.CIRCLE);
            series.setLineWidth(2f);
            series.setLineColor(Palette.of(i));
            series.setMarkerColor(Palette.of(i));
        }
        return chart;
    }

    /** Whether the live heaps after GC span more than tenfold, so that a linear axis would flatten the smallest. */
    static boolean needsLogarithmicScale(List<Profile> profiles) {
        long[] range = profiles.stream().flatMap(p -> p.memory().liveHeapAfterGc().stream()).mapToLong(s -> s[1])
                .filter(bytes -> bytes > 0).collect(() -> new long[] {Long.MAX_VALUE, 0},
                        (r, b) -> { r[0] = Math.min(r[0], b); r[1] = Math.max(r[1], b); },
                        (a, b) -> { a[0] = Math.min(a[0], b[0]); a[1] = Math.max(a[1], b[1]); });
        return range[1] > 10 * range[0];
    }

    /** One bar per run for a single number (time, rows/s, statements...). */
    public static CategoryChart bars(String title, String yAxis, List<Profile> profiles, ToDoubleFunction<Profile> value) {
        CategoryChart chart = new CategoryChartBuilder().width(1000).height(460).title(title).yAxisTitle(yAxis).build();
        style(chart.getStyler());
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisLabelRotation(45);
        chart.getStyler().setXAxisTickMarkSpacingHint(1); // every bar named, however many: XChart skips labels it thinks crowded
        chart.getStyler().setXAxisMaxLabelCount(Math.max(2, profiles.size())); // XChart refuses 1: a matrix of one processor
        chart.getStyler().setLabelsVisible(true); // and its value written on it
        chart.getStyler().setLabelsFontColorAutomaticEnabled(true); // light on a dark bar, dark on a light one
        chart.getStyler().setLabelsPosition(1.0);
        // the labels print the values as given: rounded, they read 219,520 rows/s and 4.54 s
        double unit = profiles.stream().mapToDouble(value).max().orElse(0) >= 1000 ? 1 : 0.01;
        List<String> names = profiles.stream().map(p -> p.processor().name()).toList();
        chart.getStyler().setOverlapped(true); // one series per processor, a value on its own bar only: its colour
        for (int i = 0; i < profiles.size(); i++) {
            int own = i;
            List<Number> values = new ArrayList<>();
            for (int j = 0; j < profiles.size(); j++) {
                values.add(j == own ? Math.round(value.applyAsDouble(profiles.get(j)) / unit) * unit : null);
            }
            chart.addSeries(names.get(i), names, values).setFillColor(Palette.of(i));
        }
        return chart;
    }

    /** Cost against size for a sweep: x is events, one series per measure. */
    public static XYChart growth(String title, String yAxis, List<Profile> profiles, ToDoubleFunction<Profile> value) {
        XYChart chart = new XYChartBuilder().width(900).height(500).title(title).xAxisTitle("events").yAxisTitle(yAxis).build();
        style(chart.getStyler());
        chart.getStyler().setLegendVisible(false);
        double[] x = profiles.stream().mapToDouble(p -> p.events().written()).toArray();
        double[] y = profiles.stream().mapToDouble(value).toArray();
        chart.addSeries(title, x, y).setMarker(SeriesMarkers.CIRCLE);
        return chart;
    }

    /** Cost against the number of workers: one line per way of sharing the work. */
    public static XYChart byWorkers(String title, String yAxis, Map<WorkerDesign, List<Profile>> byDesign,
                                    ToDoubleFunction<Profile> value) {
        XYChart chart = new XYChartBuilder().width(900).height(500).title(title).xAxisTitle("workers").yAxisTitle(yAxis).build();
        style(chart.getStyler());
        chart.getStyler().setXAxisDecimalPattern("#");
        byDesign.forEach((design, profiles) -> chart.addSeries(design.cliName(),
                profiles.stream().mapToDouble(Sweep::workersOf).toArray(), profiles.stream().mapToDouble(value).toArray())
                .setMarker(SeriesMarkers.CIRCLE));
        return chart;
    }

    static void style(AxesChartStyler styler) {
        styler.setYAxisDecimalPattern(PLAIN_NUMBERS);
        styler.setXAxisDecimalPattern(PLAIN_NUMBERS);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        styler.setLegendBorderColor(Color.WHITE);
    }

    /** Writes {@code base.png} and {@code base.svg}; returns the two paths. */
    public static List<Path> save(Chart<?, ?> chart, Path base) {
        try {
            Files.createDirectories(base.toAbsolutePath().getParent());
            Path png = Path.of(base + ".png"), svg = Path.of(base + ".svg");
            BitmapEncoder.saveBitmapWithDPI(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG, 110);
            Files.writeString(svg, svg(chart));
            return List.of(png, svg);
        } catch (IOException e) {
            throw new EtlException("cannot write the chart " + base + ": " + IoErrors.describe(e), e);
        }
    }

    /** The chart as an SVG document, for embedding in a self-contained HTML report. */
    public static String svg(Chart<?, ?> chart) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException | NoClassDefFoundError e) {
            throw new EtlException("cannot draw the chart as SVG: " + e, e);
        }
    }

    /** The samples' times, milliseconds into the run, as seconds. */
    static double[] seconds(List<long[]> series) {
        return series.stream().mapToDouble(s -> s[0] / 1000.0).toArray();
    }

    /** The samples' sizes, bytes, as MiB. */
    static double[] mib(List<long[]> series) {
        return series.stream().mapToDouble(s -> s[1] / MIB).toArray();
    }
}
