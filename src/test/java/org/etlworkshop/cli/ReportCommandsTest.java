package org.etlworkshop.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** compare and matrix produce their files on small; the HTML report renders in a real headless browser. */
class ReportCommandsTest {
    private static final String DATA_DIR = "target/cli-etl";
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    Path dir;

    private static String etl(String... args) {
        PrintStream originalOut = System.out, originalErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            int code = EtlCommand.execute(args);
            String text = out.toString(StandardCharsets.UTF_8);
            assertThat(code).as(text).isZero();
            return text;
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
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
        assertThat(org.etlworkshop.report.Profiles.read(profile).stages()).isNotNull();
        assertThat(dir.resolve("run.jfr")).isNotEmptyFile();
        Path flame = dir.resolve("run-flame-cpu.html");
        if (Files.exists(flame)) {
            assertThat(Files.readString(flame)).contains("<html");
        } else {
            assertThat(out).contains("no flame graph:"); // the platform refused, and said why
        }
    }

    @Test
    void matrixRunsEachProcessorInAFreshJvmAndWritesTheReport() throws Exception {
        Path out = dir.resolve("matrix");
        String text = etl("matrix", "small", "naive", "chunked", "copy", "--data-dir", DATA_DIR, "--out", out.toString());
        assertThat(text).contains("[limit 1/1] limit on small: text COPY", "psql \\copy CSV", "[1/3] naive on small", "[3/3] copy on small",
                "of JDBC batch", "of text COPY", "x psql \\copy", "report.html");
        assertThat(Files.list(out.resolve("runs")).filter(p -> p.toString().endsWith("_1.json") && !p.toString().contains("_limit_"))).hasSize(3);
        assertThat(out.resolve("runs/small_limit_1.json")).isNotEmptyFile();
        assertThat(org.etlworkshop.report.Profiles.read(out.resolve("runs/small_copy_1.json")).memory().retainedHeapAtEndBytes())
                .as("every matrix run measures its retained heap by a full GC at its last event").isPositive();
        String html = Files.readString(out.resolve("report.html"));
        assertThat(html).contains("<svg", "Heap over time", "The lessons", "Against what PostgreSQL can take").doesNotContain("<script src", "<link", "src=\"http", "href=\"http");
        assertThat(Files.readString(out.resolve("report.md"))).contains("| `naive` |", "| `chunked` |", "| `copy` |", "memory.png");
        assertThat(out.resolve("memory.png")).isNotEmptyFile();

        assumeTrue(Files.isExecutable(CHROMIUM), "Debian's chromium is not installed (.ci/run installs it)");
        Rendered page = render(out.resolve("report.html"));
        assertThat(page.consoleErrors()).isEmpty();
        Matcher body = Pattern.compile("<table class=\"comparison\">.*?<tbody>(.*?)</tbody>", Pattern.DOTALL).matcher(page.dom());
        assertThat(body.find()).as("the comparison table is in the rendered page").isTrue();
        assertThat(body.group(1).split("<tr>", -1).length - 1).as("one row per processor").isEqualTo(3);
        assertThat(page.dom()).contains("<svg");
    }

    record Rendered(String dom, List<String> consoleErrors) {
    }

    /** Loads the file in headless Chromium, returns the DOM after scripts ran and any console errors. */
    static Rendered render(Path html) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("chromium");
        Path log = Files.createTempFile("chromium", ".log");
        Process chromium = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0",
                "--dump-dom", html.toUri().toString())
                .redirectError(log.toFile()).start();
        String dom = new String(chromium.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(chromium.waitFor(60, TimeUnit.SECONDS)).isTrue();
        List<String> errors = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            // Chromium logs page console messages as "CONSOLE(...)" and load failures as net errors.
            if (line.contains("CONSOLE") || line.contains("Uncaught") || line.contains("net::ERR_")) {
                errors.add(line);
            }
        }
        return new Rendered(dom, errors);
    }
}
