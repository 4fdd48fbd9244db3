package org.etlworkshop.report;

import org.etlworkshop.EtlException;
import org.etlworkshop.pipeline.WorkerDesign;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.DoubleSummaryStatistics;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code etl sweep}: one processor over growing scenarios, each in a fresh JVM, with time and
 * retained heap charted against the number of events: does the cost grow linearly, or stay flat?
 */
public final class Sweep {
    private Sweep() {
    }

    /**
     * The median rounds (by run time) of the runs that succeeded, smallest scenario first; the charts
     * are written to {@code dir}. Round {@code r} takes the scenarios in an order rotated by {@code r - 1}.
     */
    public static List<Profile> run(String processor, List<String> scenarios, int repeat, FreshRuns runs, Path dir) {
        Map<String, List<Profile>> rounds = new LinkedHashMap<>();
        int done = 0;
        for (int round = 1; round <= repeat; round++) {
            for (String scenario : Matrix.rotated(scenarios, round - 1)) {
                Optional<Profile> profile = runs.process(scenario, processor, round,
                        "[" + (++done) + "/" + scenarios.size() * repeat + "]");
                profile.ifPresent(p -> rounds.computeIfAbsent(scenario, s -> new ArrayList<>()).add(p));
            }
        }
        if (rounds.isEmpty()) {
            throw new EtlException("no run succeeded; see the logs in " + runs.directory());
        }
        List<Profile> profiles = new ArrayList<>(rounds.values().stream().map(Median::byRunTime).toList());
        profiles.sort(Comparator.comparingLong(p -> p.events().written()));
        Charts.save(Charts.growth(processor + ": run time", "seconds", profiles, p -> p.phases().runSeconds()),
                dir.resolve("time"));
        Charts.save(Charts.growth(processor + ": retained heap (live after GC)", "MiB", profiles,
                p -> p.memory().retainedBytes() / 1048576.0), dir.resolve("retained"));
        return profiles;
    }

    /** One point of a workers sweep: a number of workers in one design (one worker: one stream), and its rounds. */
    public record WorkersPoint(int workers, WorkerDesign design, List<Profile> rounds) {
        public Profile median() {
            return Median.byRunTime(rounds);
        }

        public String label() {
            return workers == 1 ? "one stream" : design.cliName();
        }

        /** "min–max" of rows/s over the rounds. */
        public String rowsPerSecondRange() {
            DoubleSummaryStatistics rates = rounds.stream().mapToDouble(Profile::rowsPerSecond).summaryStatistics();
            return String.format("%,.0f–%,.0f", rates.getMin(), rates.getMax());
        }
    }

    /**
     * {@code etl sweep SCENARIO PROCESSOR --over-workers 1,2,4}: the processor on one scenario with each
     * number of workers, in both {@link WorkerDesign}s (one worker is one stream, whatever the design),
     * every run published staged so all pay for the same stage, indexes and swap; {@code repeat} rounds,
     * the order rotated each round. Charts the medians' rows/s and time against workers, one line per design.
     *
     * @return the points that had a successful run, in the order of {@code workers}
     */
    public static List<WorkersPoint> overWorkers(String processor, String scenario, List<Integer> workers,
                                                 List<String> publish, int repeat, FreshRuns runs, Path dir) {
        List<WorkersPoint> points = new ArrayList<>();
        for (int n : workers) {
            for (WorkerDesign design : n == 1 ? List.of(WorkerDesign.DEFAULT) : List.of(WorkerDesign.values())) {
                points.add(new WorkersPoint(n, design, new ArrayList<>()));
            }
        }
        int done = 0;
        for (int round = 1; round <= repeat; round++) {
            for (WorkersPoint point : Matrix.rotated(points, round - 1)) {
                List<String> args = new ArrayList<>(publish);
                args.addAll(List.of("--workers", Integer.toString(point.workers()), "--workers-design", point.design().cliName()));
                String name = point.workers() == 1 ? "1-worker" : point.workers() + "-workers-" + point.design().cliName();
                runs.process(scenario, processor, round, "[" + (++done) + "/" + points.size() * repeat + "]",
                        new FreshRuns.Variant(name, args)).ifPresent(point.rounds()::add);
            }
        }
        points.removeIf(point -> point.rounds().isEmpty());
        if (points.isEmpty()) {
            throw new EtlException("no run succeeded; see the logs in " + runs.directory());
        }
        Map<WorkerDesign, List<Profile>> byDesign = new EnumMap<>(WorkerDesign.class);
        for (WorkerDesign design : WorkerDesign.values()) {
            List<Profile> line = points.stream().filter(p -> p.workers() == 1 || p.design() == design)
                    .map(WorkersPoint::median).toList();
            if (!line.isEmpty()) {
                byDesign.put(design, line);
            }
        }
        Charts.save(Charts.byWorkers(processor + " on " + scenario + ": rows per second" + medianOf(repeat), "rows/s",
                byDesign, Profile::rowsPerSecond), dir.resolve("rows-per-second"));
        Charts.save(Charts.byWorkers(processor + " on " + scenario + ": run time" + medianOf(repeat), "seconds",
                byDesign, p -> p.phases().runSeconds()), dir.resolve("time"));
        return points;
    }

    private static String medianOf(int repeat) {
        return repeat == 1 ? "" : " (median of " + repeat + ")";
    }

    /** How many workers a profile's run had: 1 unless it published with several. */
    public static int workersOf(Profile profile) {
        return profile.publication() == null ? 1 : Math.max(1, profile.publication().eventsPerWorker().size());
    }
}
