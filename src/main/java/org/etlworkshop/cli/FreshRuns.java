package org.etlworkshop.cli;

import org.etlworkshop.report.FreshJvm;
import org.etlworkshop.limit.LoadCeilings;
import org.etlworkshop.report.Profile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Runs {@code etl process} in fresh JVMs for matrix and sweep, printing a progress line per run. */
final class FreshRuns {
    private final ServerOptions server;
    private final CatalogOptions catalog;
    private final ProcessorOptions processors;
    private final Path runsDir;
    private final Duration timeout;
    private final List<String> notes = new ArrayList<>();

    FreshRuns(ServerOptions server, CatalogOptions catalog, ProcessorOptions processors, Path runsDir, Duration timeout) {
        this.server = server;
        this.catalog = catalog;
        this.processors = processors;
        this.runsDir = runsDir;
        this.timeout = timeout;
    }

    Optional<Profile> process(String scenario, String processor, int repetition, String progressPrefix) {
        // --retained-heap: every compared run measures what it retains the same way, by a full GC at its last event.
        List<String> args = new ArrayList<>(List.of("process", scenario, processor, "--retained-heap",
                "--scenarios", catalog.scenariosDir.toString()));
        args.addAll(processors.asArguments());
        args.addAll(server.asArguments());
        String name = runName(scenario, processor, repetition);
        FreshJvm.Outcome outcome = FreshJvm.run(args, runsDir.resolve(name + ".json"), runsDir.resolve(name + ".log"),
                timeout, server.childEnvironment());
        Optional<Profile> profile = outcome.output().map(org.etlworkshop.report.Profiles::read);
        if (profile.isPresent()) {
            Profile p = profile.get();
            Console.status(String.format("%s %s on %s: %.2f s, %,.0f rows/s, peak heap %s, retained %s", progressPrefix,
                    processor, scenario, p.phases().runSeconds(), p.rowsPerSecond(), Reports.mib(p.memory().peakHeapBytes()),
                    Reports.mib(p.memory().retainedBytes())));
        } else {
            String why = outcome.timedOut() ? "did not finish within " + timeout.toSeconds() + " s"
                    : "failed (exit " + outcome.exitCode() + "): " + outcome.lastLine();
            Console.status(progressPrefix + " " + processor + " on " + scenario + " " + why + "; log: " + outcome.log());
            notes.add(processor + " " + why + ".");
        }
        return profile;
    }

    /** {@code etl limit} in a fresh JVM: the ceilings the processors are compared with. */
    Optional<List<LoadCeilings.Ceiling>> limit(String scenario, int repetition, String progressPrefix) {
        List<String> args = new ArrayList<>(List.of("limit", scenario, "--scenarios", catalog.scenariosDir.toString()));
        args.addAll(server.asArguments());
        String name = limitName(scenario, repetition);
        FreshJvm.Outcome outcome = FreshJvm.run(args, runsDir.resolve(name + ".json"),
                runsDir.resolve(name + ".log"), timeout, server.childEnvironment());
        Optional<List<LoadCeilings.Ceiling>> ceilings = outcome.output().map(LoadCeilings::read);
        if (ceilings.isPresent()) {
            Console.status(progressPrefix + " limit on " + scenario + ": " + ceilings.get().stream()
                    .map(c -> String.format("%s %,.0f rows/s", c.name(), c.rowsPerSecond()))
                    .collect(java.util.stream.Collectors.joining(", ")));
        } else {
            Console.status(progressPrefix + " limit on " + scenario + " failed: " + outcome.lastLine() + "; log: " + outcome.log());
            notes.add("the ceilings could not be measured: " + outcome.lastLine());
        }
        return ceilings;
    }

    /** The profile an earlier {@link #process} left in the runs directory, for {@code matrix --report-only}. */
    Optional<Profile> recorded(String scenario, String processor, int repetition) {
        Path file = runsDir.resolve(runName(scenario, processor, repetition) + ".json");
        return Files.exists(file) ? Optional.of(org.etlworkshop.report.Profiles.read(file)) : Optional.empty();
    }

    /** The ceilings an earlier {@link #limit} left in the runs directory. */
    Optional<List<LoadCeilings.Ceiling>> recordedLimit(String scenario, int repetition) {
        Path file = runsDir.resolve(limitName(scenario, repetition) + ".json");
        return Files.exists(file) ? Optional.of(LoadCeilings.read(file)) : Optional.empty();
    }

    private static String runName(String scenario, String processor, int repetition) {
        return scenario + "_" + processor + "_" + repetition;
    }

    private static String limitName(String scenario, int repetition) {
        return scenario + "_limit_" + repetition;
    }

    void note(String note) {
        notes.add(note);
    }

    List<String> notes() {
        return notes;
    }
}
