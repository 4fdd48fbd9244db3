package org.etlworkshop.report;

import org.etlworkshop.EtlException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

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
}
