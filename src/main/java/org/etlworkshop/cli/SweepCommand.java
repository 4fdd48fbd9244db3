package org.etlworkshop.cli;

import org.etlworkshop.UsageException;
import org.etlworkshop.concurrent.WorkerCount;
import org.etlworkshop.pipeline.Publish;
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
                "Example: etl sweep small medium large chunked",
                "Or one scenario with more and more workers: etl sweep large copy-binary --over-workers 1,2,4",
                "The scenarios come first and the processor last, as in etl process and etl matrix; the older order "
                        + "(PROCESSOR SCENARIO...) is still understood when the names leave no doubt."})
final class SweepCommand implements Runnable {
    @Parameters(index = "0..*", arity = "2..*", paramLabel = "SCENARIO... PROCESSOR",
            description = "Scenarios (any order), then the processor to sweep.")
    List<String> arguments = new ArrayList<>();

    String processorName;
    List<String> scenarioNames;

    @Mixin
    FreshRunOptions options;

    @Option(names = "--over-workers", split = ",", paramLabel = "N", description = "Instead of growing scenarios: one "
            + "scenario with each number of workers (e.g. 1,2,4), in both --workers-design, all published staged; charts "
            + "rows/s and time against workers.")
    List<Integer> overWorkers = new ArrayList<>();

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "1", description = "Run everything N times, the order "
            + "rotated each round, and chart the median run (by time); the table gives the range. Default: ${DEFAULT-VALUE}.")
    int repeat;

    @Override
    public void run() {
        SweepArguments parsed = SweepArguments.of(arguments, options.catalog.scenarios().names(),
                options.processors.catalog().names());
        if (parsed.olderOrder()) {
            Console.warn("etl sweep takes the scenarios first and the processor last now (etl sweep "
                    + String.join(" ", parsed.scenarios()) + " " + parsed.processor() + "), as etl process and etl matrix do");
        }
        processorName = parsed.processor();
        scenarioNames = parsed.scenarios();
        options.processors.catalog().get(processorName);
        scenarioNames.forEach(options.catalog.scenarios()::load);
        if (repeat < 1) {
            throw new UsageException("--repeat must be at least 1 (got " + repeat + ")");
        }
        if (!overWorkers.isEmpty()) {
            sweepWorkers();
            return;
        }
        Path dir = options.profiles.directory().resolve("sweep-" + processorName);
        List<Profile> profiles = Sweep.run(processorName, scenarioNames, repeat, options.runs(dir), dir);
        Console.line(new ComparisonTable(profiles).toText());
        Console.line("Charts: " + dir.resolve("time.png") + ", " + dir.resolve("retained.png") + " (and .svg)");
    }

    private void sweepWorkers() {
        if (scenarioNames.size() != 1 || options.runMode.workers > 1) {
            throw new UsageException("--over-workers takes one scenario, numbers of workers from 1 to " + WorkerCount.MAX
                    + ", and no --workers");
        }
        overWorkers.forEach(n -> WorkerCount.checked(n, "--over-workers", "loading threads of each run"));
        String scenario = scenarioNames.get(0);
        Path dir = options.profiles.directory().resolve("sweep-" + processorName + "-" + scenario + "-workers");
        List<String> publish = options.runMode.publish == null ? List.of("--publish", Publish.STAGED.label()) : List.of();
        List<Sweep.WorkersPoint> points = Sweep.overWorkers(processorName, scenario, overWorkers, publish, repeat,
                options.runs(dir), dir);
        Console.line(String.format("%-8s %-11s %9s %11s %19s  %s", "workers", "design", "seconds", "rows/s",
                repeat == 1 ? "" : "rows/s min–max", "events per worker; queue" + (repeat == 1 ? "" : " (median run)")));
        for (Sweep.WorkersPoint point : points) {
            Profile p = point.median();
            Console.line(String.format("%-8d %-11s %9.2f %,11.0f %19s  %s%s", point.workers(), point.label(),
                    p.phases().runSeconds(), p.rowsPerSecond(), repeat == 1 ? "" : point.rowsPerSecondRange(),
                    p.publication() == null ? "" : p.publication().eventsPerWorker(), queue(p.publication())));
        }
        Console.line("Charts: " + dir.resolve("rows-per-second.png") + ", " + dir.resolve("time.png") + " (and .svg)");
    }

    private static String queue(Profile.Publication publication) {
        if (publication == null || publication.queue() == null) {
            return "";
        }
        Profile.Queue q = publication.queue();
        return String.format("; producer waited %.2f s for room, workers %.2f s for events", q.producerWaitMillis() / 1e3,
                q.workersWaitMillis() / 1e3);
    }
}
