package org.etlworkshop.report;

import org.etlworkshop.EtlException;
import org.etlworkshop.IoErrors;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Heap over time as small multiples: one small chart per processor, each on its own scale and in its
 * own colour ({@link Palette}). On one shared axis, {@code naive}'s 1.6 GiB flattens every bounded
 * processor into the bottom pixel; here each shape can be read, and the title gives its size.
 */
public final class HeapMultiples {
    static final int WIDTH = 360, HEIGHT = 240, COLUMNS = 3;

    private HeapMultiples() {
    }

    /** One processor's heap: the sampled heap in use as a thin line, the live heap after each GC as dots. */
    static XYChart chartOf(Profile p, Color colour) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title(p.processor().name() + ": retained " + Units.mib(p.memory().retainedBytes()))
                .xAxisTitle("seconds").yAxisTitle("MiB").build();
        Charts.style(chart.getStyler());
        chart.getStyler().setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 11));
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setChartTitleBoxVisible(true);
        chart.getStyler().setChartTitleBoxBackgroundColor(new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), 40));
        chart.getStyler().setChartTitleBoxBorderColor(colour);
        chart.getStyler().setYAxisMin(0.0);
        List<long[]> samples = p.memory().heapSamples();
        if (!samples.isEmpty()) {
            XYSeries used = chart.addSeries("heap in use", Charts.seconds(samples), Charts.mib(samples));
            used.setMarker(SeriesMarkers.NONE);
            used.setLineWidth(1f);
            used.setLineColor(colour);
        }
        List<long[]> live = p.memory().liveHeapAfterGc();
        if (!live.isEmpty()) {
            XYSeries retained = chart.addSeries("live after GC", Charts.seconds(live), Charts.mib(live));
            retained.setMarker(SeriesMarkers.CIRCLE);
            retained.setLineWidth(2.5f);
            retained.setLineColor(colour);
            retained.setMarkerColor(colour);
        }
        if (samples.isEmpty() && live.isEmpty()) {
            chart.addSeries("no samples", new double[] {0}, new double[] {0}).setMarker(SeriesMarkers.NONE);
        }
        return chart;
    }

    /** The charts as HTML: a grid of figures, each naming its processor and colour (the report test reads them). */
    static String html(List<Profile> profiles) {
        StringBuilder h = new StringBuilder("<div class=\"multiples\">\n");
        for (int i = 0; i < profiles.size(); i++) {
            Profile p = profiles.get(i);
            String svg = Charts.svg(chartOf(p, Palette.of(i)));
            h.append("<figure class=\"heap\" data-processor=\"").append(Html.escape(p.processor().name()))
                    .append("\" data-colour=\"").append(Palette.css(Palette.of(i))).append("\">")
                    .append(svg.substring(svg.indexOf("<svg"))).append("</figure>\n");
        }
        return h.append("</div>\n").toString();
    }

    /** {@code base.png} and {@code base.svg}: the charts in a grid of {@link #COLUMNS}, for the Markdown report. */
    static void save(List<Profile> profiles, Path base) {
        int rows = (profiles.size() + COLUMNS - 1) / COLUMNS;
        BufferedImage grid = new BufferedImage(COLUMNS * WIDTH, rows * HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = grid.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, grid.getWidth(), grid.getHeight());
        List<String> svgs = new ArrayList<>();
        for (int i = 0; i < profiles.size(); i++) {
            XYChart chart = chartOf(profiles.get(i), Palette.of(i));
            int x = (i % COLUMNS) * WIDTH, y = (i / COLUMNS) * HEIGHT;
            g.drawImage(BitmapEncoder.getBufferedImage(chart), x, y, null);
            String svg = Charts.svg(chart);
            svgs.add(svg.substring(svg.indexOf("<svg")).replaceFirst(" x=\"0px\" y=\"0px\"", " x=\"" + x + "px\" y=\"" + y + "px\""));
        }
        g.dispose();
        try {
            Files.createDirectories(base.toAbsolutePath().getParent());
            ImageIO.write(grid, "png", Path.of(base + ".png").toFile());
            Files.writeString(Path.of(base + ".svg"), "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\""
                    + grid.getWidth() + "\" height=\"" + grid.getHeight() + "\">\n" + String.join("\n", svgs) + "\n</svg>\n");
        } catch (IOException e) {
            throw new EtlException("cannot write the chart " + base + ": " + IoErrors.describe(e), e);
        }
    }
}
