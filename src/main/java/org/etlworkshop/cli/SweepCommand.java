package org.etlworkshop.cli;

import org.etlworkshop.report.ComparisonTable;
import org.etlworkshop.report.Profile;
import org.etlworkshop.report.Sweep;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
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
        List<Profile> profiles = Sweep.run(processorName, scenarioNames, options.runs(dir), dir);
        Console.line(new ComparisonTable(profiles).toText());
        Console.line("Charts: " + dir.resolve("time.png") + ", " + dir.resolve("retained.png") + " (and .svg)");
    }
}
