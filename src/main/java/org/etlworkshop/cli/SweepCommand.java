package org.etlworkshop.cli;

import org.etlworkshop.EtlException;
import org.etlworkshop.report.Charts;
import org.etlworkshop.report.ComparisonTable;
import org.etlworkshop.report.Profile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Run one processor over growing scenarios, each in a fresh JVM, and chart time and retained "
                + "heap against the number of events: does the cost grow linearly, or stay flat?",
                "Example: etl sweep chunked small medium large"})
final class SweepCommand implements Runnable {
    @Parameters(index = "0", paramLabel = "PROCESSOR", description = "The processor to sweep.")
    String processorName;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "SCENARIO", description = "Scenarios, any order.")
    List<String> scenarioNames = new ArrayList<>();

    @Mixin
    FreshRunOptions options;

    @Override
    public void run() {
        options.processors.catalog().get(processorName);
        scenarioNames.forEach(options.catalog.scenarios()::load);
        Path dir = options.profiles.directory().resolve("sweep-" + processorName);
        FreshRuns runs = options.runs(dir);
        List<Profile> profiles = new ArrayList<>();
        int done = 0;
        for (String scenario : scenarioNames) {
            runs.process(scenario, processorName, 1, "[" + (++done) + "/" + scenarioNames.size() + "]").ifPresent(profiles::add);
        }
        if (profiles.isEmpty()) {
            throw new EtlException("no run succeeded; see the logs in " + dir.resolve("runs"));
        }
        profiles.sort(Comparator.comparingLong(p -> p.events().written()));
        Console.line(new ComparisonTable(profiles).toText().replaceFirst("run ", "run ")); // rows are scenarios here
        Charts.save(Charts.growth(processorName + ": run time", "seconds", profiles, p -> p.phases().runSeconds()),
                dir.resolve("time"));
        Charts.save(Charts.growth(processorName + ": retained heap (live after GC)", "MiB", profiles,
                p -> p.memory().retainedBytes() / 1048576.0), dir.resolve("retained"));
        Console.line("Charts: " + dir.resolve("time.png") + ", " + dir.resolve("retained.png") + " (and .svg)");
    }
}
