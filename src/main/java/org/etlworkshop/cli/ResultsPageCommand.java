package org.etlworkshop.cli;

import org.etlworkshop.EtlException;
import org.etlworkshop.IoErrors;
import org.etlworkshop.report.ResultsPage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

@Command(name = "results-page", mixinStandardHelpOptions = true,
        description = {"Write docs/results.md from the committed reference reports (profiles/reference/SET/report.md):",
                "the page's prose is a template, its figures are the reports'. A test fails when the committed page differs."})
final class ResultsPageCommand implements Runnable {
    @Option(names = "--reference", paramLabel = "DIR", description = "The reference sets (default: profiles/reference).")
    Path reference;

    @Option(names = "--out", paramLabel = "FILE", description = "The page to write (default: docs/results.md).")
    Path out;

    @Override
    public void run() {
        Path home = Path.of(System.getProperty("etl.home", "."));
        Path from = reference != null ? reference : home.resolve("profiles/reference");
        Path to = out != null ? out : home.resolve("docs/results.md");
        String page = ResultsPage.write(from, to);
        try {
            Files.writeString(to, page);
        } catch (IOException e) {
            throw new EtlException("cannot write " + to + ": " + IoErrors.describe(e), e);
        }
        Console.line("Wrote " + to + " from the reports in " + from + ".");
    }
}
