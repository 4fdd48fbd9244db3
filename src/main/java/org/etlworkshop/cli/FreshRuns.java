package org.etlworkshop.cli;

import org.etlworkshop.profile.FreshJvm;
import org.etlworkshop.profile.Profile;

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
        List<String> args = new ArrayList<>(List.of("process", scenario, processor, "--scenarios", catalog.scenariosDir.toString()));
        args.addAll(processors.asArguments());
        args.addAll(server.asArguments());
        String name = scenario + "_" + processor + "_" + repetition;
        FreshJvm.Outcome outcome = FreshJvm.run(args, runsDir.resolve(name + ".json"), runsDir.resolve(name + ".log"),
                timeout, server.childEnvironment());
        if (outcome.profile().isPresent()) {
            Profile p = outcome.profile().get();
            Console.status(String.format("%s %s on %s: %.2f s, %,.0f rows/s, peak heap %s, retained %s", progressPrefix,
                    processor, scenario, p.phases().runSeconds(), p.rowsPerSecond(), Reports.mib(p.memory().peakHeapBytes()),
                    Reports.mib(p.memory().peakLiveHeapBytes())));
        } else {
            String why = outcome.timedOut() ? "did not finish within " + timeout.toSeconds() + " s"
                    : "failed (exit " + outcome.exitCode() + "): " + outcome.lastLine();
            Console.status(progressPrefix + " " + processor + " on " + scenario + " " + why + "; log: " + outcome.log());
            notes.add(processor + " " + why + ".");
        }
        return outcome.profile();
    }

    void note(String note) {
        notes.add(note);
    }

    List<String> notes() {
        return notes;
    }
}
