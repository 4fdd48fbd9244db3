package org.etlworkshop.cli;

import org.etlworkshop.EtlException;
import org.etlworkshop.pipeline.ProcessorCatalog;
import org.etlworkshop.pipeline.ProcessorConfig;
import org.etlworkshop.report.Charts;
import org.etlworkshop.report.ComparisonTable;
import org.etlworkshop.limit.LoadCeilings;
import org.etlworkshop.report.MatrixReport;
import org.etlworkshop.report.Profile;
import org.etlworkshop.scenario.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

    @Mixin
    FreshRunOptions options;

    @Override
    public void run() {
        Scenario scenario = options.catalog.scenarios().load(scenarioName);
        ProcessorCatalog processorCatalog = options.processors.catalog();
        List<String> chosen = processorNames.isEmpty() ? processorCatalog.names() : processorNames;
        chosen.forEach(processorCatalog::get); // unknown names fail now, listing the valid ones
        if (repeat < 1) {
            throw new org.etlworkshop.UsageException("--repeat must be at least 1");
        }
        Path dir = out != null ? out : options.profiles.directory().resolve("matrix-" + scenario.name());
        FreshRuns runs = options.runs(dir);

        List<String> toRun = new ArrayList<>();
        for (String name : chosen) {
            ProcessorConfig config = processorCatalog.get(name);
            if (scenario.estimatedEvents() > config.maxEvents()) {
                runs.note(String.format("%s was not run: above %,d events it takes too long to teach anything (%s)",
                        name, config.maxEvents(), config.description()));
            } else {
                toRun.add(name);
            }
        }
        Map<String, List<Profile>> results = new LinkedHashMap<>();
        toRun.forEach(name -> results.put(name, new ArrayList<>()));
        List<List<LoadCeilings.Ceiling>> ceilingRounds = new ArrayList<>();
        int total = toRun.size() * repeat, done = 0;
        for (int r = 1; r <= repeat; r++) {
            // The ceilings are measured in every round, beside the processors, so that each report
            // compares medians taken under the same conditions.
            if (!noLimit) {
                Optional<List<LoadCeilings.Ceiling>> round = reportOnly ? runs.recordedLimit(scenario.name(), r)
                        : runs.limit(scenario.name(), r, "[limit " + r + "/" + repeat + "]");
                round.ifPresent(ceilingRounds::add);
            }
            for (String name : toRun) {
                Optional<Profile> profile = reportOnly ? runs.recorded(scenario.name(), name, r)
                        : runs.process(scenario.name(), name, r, "[" + (++done) + "/" + total + "]");
                profile.ifPresent(results.get(name)::add);
            }
        }
        List<LoadCeilings.Ceiling> ceilings = LoadCeilings.median(ceilingRounds);
        List<Profile> medians = results.values().stream().filter(list -> !list.isEmpty()).map(MatrixCommand::median).toList();
        if (medians.isEmpty()) {
            throw new EtlException("no run succeeded; see the logs in " + dir.resolve("runs"));
        }
        String command = "etl matrix " + scenario.name() + (processorNames.isEmpty() ? "" : " " + String.join(" ", processorNames))
                + (repeat > 1 ? " --repeat " + repeat : "") + (options.server.durable ? " --durable" : "");
        MatrixReport report = new MatrixReport(scenario.name(), medians, ceilings, runs.notes(), command, repeat);
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("report.html"), report.html());
            Charts.save(Charts.memoryOverTime(medians), dir.resolve("memory"));
            Charts.save(Charts.liveHeapByProgress(medians), dir.resolve("live-heap"));
            Files.writeString(dir.resolve("report.md"), report.markdown("memory.png", "live-heap.png"));
        } catch (IOException e) {
            throw new EtlException("cannot write the report in " + dir + ": " + e.getMessage(), e);
        }
        Console.line(new ComparisonTable(medians).toText());
        if (!ceilings.isEmpty()) {
            Console.line(report.ceilingsText());
        }
        runs.notes().forEach(n -> Console.line("note: " + n));
        Console.line("Report: " + dir.resolve("report.html") + " (and report.md, memory.png)");
    }

    /** The run with the median time; its memory series and counts are kept together. */
    static Profile median(List<Profile> runs) {
        List<Profile> sorted = runs.stream().sorted(Comparator.comparingDouble(p -> p.phases().runSeconds())).toList();
        return sorted.get((sorted.size() - 1) / 2);
    }
}
