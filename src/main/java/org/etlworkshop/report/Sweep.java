package org.etlworkshop.report;

import org.etlworkshop.EtlException;
import org.etlworkshop.pipeline.WorkerDesign;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
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

    /** The profiles of the runs that succeeded, smallest scenario first; the charts are written to {@code dir}. */
    public static List<Profile> run(String processor, List<String> scenarios, FreshRuns runs, Path dir) {
        List<Profile> profiles = new ArrayList<>();
        int done = 0;
        for (String scenario : scenarios) {
            runs.process(scenario, processor, 1, "[" + (++done) + "/" + scenarios.size() + "]").ifPresent(profiles::add);
        }
        if (profiles.isEmpty()) {
            throw new EtlException("no run succeeded; see the logs in " + runs.directory());
        }
        profiles.sort(Comparator.comparingLong(p -> p.events().written()));
        Charts.save(Charts.growth(processor + ": run time", "seconds", profiles, p -> p.phases().runSeconds()),
                dir.resolve("time"));
        Charts.save(Charts.growth(processor + ": retained heap (live after GC)", "MiB", profiles,
                p -> p.memory().retainedBytes() / 1048576.0), dir.resolve("retained"));
        return profiles;
    }

    /**
     * {@code etl sweep PROCESSOR SCENARIO --over-workers 1,2,4}: the processor on one scenario with each
     * number of workers, in both {@link WorkerDesign}s (one worker is one stream, whatever the design),
     * every run published staged so all pay for the same stage, indexes and swap. Charts rows/s and time
     * against workers, one line per design.
     *
     * @return the profiles by design, in the order of {@code workers}; one worker's run is in both lists
     */
    public static Map<WorkerDesign, List<Profile>> overWorkers(String processor, String scenario, List<Integer> workers,
                                                               List<String> publish, FreshRuns runs, Path dir) {
        Map<WorkerDesign, List<Profile>> byDesign = new EnumMap<>(WorkerDesign.class);
        int total = (int) workers.stream().mapToLong(n -> n == 1 ? 1 : WorkerDesign.values().length).sum();
        int done = 0;
        for (int n : workers) {
            for (WorkerDesign design : n == 1 ? List.of(WorkerDesign.DEFAULT) : List.of(WorkerDesign.values())) {
                List<String> args = new ArrayList<>(publish);
                args.addAll(List.of("--workers", Integer.toString(n), "--workers-design", design.cliName()));
                String name = n == 1 ? "1-worker" : n + "-workers-" + design.cliName();
                Optional<Profile> profile = runs.process(scenario, processor, 1, "[" + (++done) + "/" + total + "]",
                        new FreshRuns.Variant(name, args));
                for (WorkerDesign into : n == 1 ? List.of(WorkerDesign.values()) : List.of(design)) {
                    profile.ifPresent(p -> byDesign.computeIfAbsent(into, d -> new ArrayList<>()).add(p));
                }
            }
        }
        if (byDesign.isEmpty()) {
            throw new EtlException("no run succeeded; see the logs in " + runs.directory());
        }
        Charts.save(Charts.byWorkers(processor + " on " + scenario + ": rows per second", "rows/s", byDesign,
                Profile::rowsPerSecond), dir.resolve("rows-per-second"));
        Charts.save(Charts.byWorkers(processor + " on " + scenario + ": run time", "seconds", byDesign,
                p -> p.phases().runSeconds()), dir.resolve("time"));
        return byDesign;
    }

    /** How many workers a profile's run had: 1 unless it published with several. */
    public static int workersOf(Profile profile) {
        return profile.publication() == null ? 1 : Math.max(1, profile.publication().eventsPerWorker().size());
    }
}
