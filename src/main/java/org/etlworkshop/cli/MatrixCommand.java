package org.etlworkshop.cli;

import org.etlworkshop.UsageException;
import org.etlworkshop.pipeline.ProcessorCatalog;
import org.etlworkshop.pipeline.ProcessorConfig;
import org.etlworkshop.report.ComparisonTable;
import org.etlworkshop.report.Matrix;
import org.etlworkshop.report.Profile;
import org.etlworkshop.report.MatrixReport;
import org.etlworkshop.scenario.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

@Command(name = "matrix", mixinStandardHelpOptions = true,
        description = {"Run each processor on SCENARIO, each in a fresh JVM, and write a report: report.html "
                + "(self-contained) and report.md, with the comparison table, heap curves, time and throughput bars, "
                + "statement counts and each processor's lesson.",
                "Example: etl matrix medium    or    etl matrix large chunked chunked-stateless copy --repeat 3"})
final class MatrixCommand implements Runnable {
    @Parameters(index = "0", paramLabel = "SCENARIO", description = "Scenario to run on.")
    String scenarioName;

    @Parameters(index = "1..*", paramLabel = "PROCESSOR", description = "Processors to compare (default: all in the catalog).")
    List<String> processorNames = new ArrayList<>();

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "1", description = "Runs per processor; the report shows the median (default: 1).")
    int repeat;

    @Option(names = "--out", paramLabel = "DIR", description = "Report directory (default: profiles/matrix-<scenario>).")
    Path out;

    @Option(names = "--no-limit", description = "Skip measuring the ceilings (etl limit) the processors are compared with.")
    boolean noLimit;

    @Option(names = "--report-only", description = "Rebuild the report from the profiles already in the report's runs/, running nothing.")
    boolean reportOnly;

    @Option(names = "--beside", paramLabel = "DIR", description = "The report directory of a matrix of the same scenario "
            + "on one server: with --distributed, the report sets each processor's time on the cluster beside it, with the ratio.")
    Path beside;

    @Mixin
    FreshRunOptions options;

    @Override
    public void run() {
        Scenario scenario = options.catalog.scenarios().load(scenarioName);
        ProcessorCatalog catalog = options.processors.catalog();
        List<ProcessorConfig> processors = (processorNames.isEmpty() ? catalog.names() : processorNames).stream()
                .map(catalog::get).toList(); // unknown names fail now, listing the valid ones
        if (repeat < 1) {
            throw new UsageException("--repeat must be at least 1");
        }
        Path dir = out != null ? out : options.profiles.directory().resolve("matrix-" + scenario.name());
        List<Profile> oneServer = beside == null ? List.of() : Matrix.mediansIn(beside, scenario.name()); // refused now, not after the runs

        Matrix.Result result = new Matrix(scenario, processors, options.runs(dir)).run(repeat, !noLimit, reportOnly);
        String command = "etl matrix " + scenario.name() + (processorNames.isEmpty() ? "" : " " + String.join(" ", processorNames))
                + (repeat > 1 ? " --repeat " + repeat : "") + (options.server.durable ? " --durable" : "")
                + options.runMode.asArguments().stream().map(arg -> " " + arg).collect(Collectors.joining())
                + (options.runMode.distributed ? " --distributed" : "") + (beside == null ? "" : " --beside " + beside);
        MatrixReport report = Matrix.write(result, scenario.name(), command, repeat, dir, oneServer);

        Console.line(new ComparisonTable(result.medians()).toText());
        if (!result.ceilings().isEmpty()) {
            Console.line(report.ceilingsText());
        }
        if (repeat > 1) {
            Console.line(report.spreadText());
        }
        result.notes().forEach(n -> Console.line("note: " + n));
        Console.line("Report: " + dir.resolve("report.html") + " (and report.md, memory.png)");
    }
}
