package org.etlworkshop.report;

import org.etlworkshop.limit.Ceiling;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * {@code etl process} and {@code etl limit} in fresh JVMs, for matrix and sweep, each leaving its
 * profile and log in one runs directory ({@code <scenario>_<processor>_<round>.json|.log}). Says a
 * line per run, and keeps a note of every run that failed.
 */
public final class FreshRuns {

    /**
     * What every child run is given besides its command.
     *
     * @param server      the options that choose and configure the server (data dir or URL, durability)
     * @param scenarios   the options that find the scenario files
     * @param processors  the processor catalog and overrides, for {@code process}
     * @param environment e.g. the password, which never goes on a command line
     */
    public record ChildArguments(List<String> server, List<String> scenarios, List<String> processors,
                                 Map<String, String> environment) {
    }

    private final ChildArguments arguments;
    private final Path runsDir;
    private final Duration timeout;
    private final Consumer<String> status;
    private final int retryDisturbed;
    private final List<String> notes = new ArrayList<>();

    /** @param retryDisturbed how many times a run that others disturbed is run again ({@code --retry-disturbed}) */
    public FreshRuns(ChildArguments arguments, Path runsDir, Duration timeout, int retryDisturbed, Consumer<String> status) {
        this.arguments = arguments;
        this.runsDir = runsDir;
        this.timeout = timeout;
        this.retryDisturbed = retryDisturbed;
        this.status = status;
    }

    public Optional<Profile> process(String scenario, String processor, int round, String progressPrefix) {
        return process(scenario, processor, round, progressPrefix, new Variant("", List.of()));
    }

    /** A run's own options on top of what every run is given, e.g. a number of workers, and its name among the runs. */
    public record Variant(String name, List<String> arguments) {
    }

    public Optional<Profile> process(String scenario, String processor, int round, String progressPrefix, Variant variant) {
        // --retained-heap: every compared run measures what it retains the same way, by a full GC at its last event.
        List<String> args = new ArrayList<>(List.of("process", scenario, processor, "--retained-heap"));
        args.addAll(arguments.scenarios());
        args.addAll(arguments.processors());
        args.addAll(variant.arguments());
        args.addAll(arguments.server());
        String what = progressPrefix + " " + processor + (variant.name().isEmpty() ? "" : " " + variant.name()) + " on " + scenario;
        String name = runName(scenario, variant.name().isEmpty() ? processor : processor + "_" + variant.name(), round);
        for (int retry = 0; ; retry++) {
            FreshJvm.Outcome outcome = run(args, name);
            Optional<Profile> profile = outcome.output().map(Profiles::read);
            if (profile.isEmpty()) {
                failed(what, processor, outcome);
                return profile;
            }
            Profile p = profile.get();
            status.accept(String.format("%s: %.2f s, %,.0f rows/s, peak heap %s, retained %s%s", what,
                    p.phases().runSeconds(), p.rowsPerSecond(), Units.mib(p.memory().peakHeapBytes()),
                    Units.mib(p.memory().retainedBytes()), p.disturbed() ? "; DISTURBED: " + p.interference().summary() : ""));
            if (!p.disturbed() || !again(what, processor + " round " + round, retry, p.interference().summary())) {
                return profile;
            }
        }
    }

    /** {@code etl limit}: the ceilings the processors are compared with. */
    public Optional<List<Ceiling>> limit(String scenario, int round, String progressPrefix) {
        List<String> args = new ArrayList<>(List.of("limit", scenario));
        args.addAll(arguments.scenarios());
        args.addAll(arguments.server());
        String what = progressPrefix + " limit on " + scenario;
        for (int retry = 0; ; retry++) {
            FreshJvm.Outcome outcome = run(args, limitName(scenario, round));
            Optional<List<Ceiling>> ceilings = outcome.output().map(Ceilings::read);
            if (ceilings.isEmpty()) {
                failed(what, "the ceilings", outcome);
                return ceilings;
            }
            status.accept(what + ": " + ceilings.get().stream()
                    .map(c -> String.format("%s %,.0f rows/s%s", c.name(), c.rowsPerSecond(), c.disturbed() ? " (DISTURBED)" : ""))
                    .collect(Collectors.joining(", ")));
            Optional<Ceiling> disturbed = ceilings.get().stream().filter(Ceiling::disturbed).findFirst();
            if (disturbed.isEmpty() || !again(what, "the ceilings of round " + round, retry,
                    disturbed.get().name() + ": " + disturbed.get().interference().summary())) {
                return ceilings;
            }
        }
    }

    /** Whether a disturbed run gets another try; the report notes a run that stays disturbed (see {@link Matrix}). */
    private boolean again(String what, String who, int retriesSoFar, String summary) {
        if (retriesSoFar < retryDisturbed) {
            status.accept(what + " was disturbed by other processes; running it again (" + (retriesSoFar + 1) + "/"
                    + retryDisturbed + ")");
            return true;
        }
        return false;
    }

    /** The note for a run the report keeps although others disturbed it. */
    static String disturbedNote(String who, String summary) {
        return who + ": disturbed by other processes (" + summary + "); its figures are slower than this machine can do.";
    }

    /** The profile an earlier {@link #process} left in the runs directory, for {@code matrix --report-only}. */
    public Optional<Profile> recorded(String scenario, String processor, int round) {
        Path file = runsDir.resolve(runName(scenario, processor, round) + ".json");
        return Files.exists(file) ? Optional.of(Profiles.read(file)) : Optional.empty();
    }

    /**
     * Why a round of a processor left no profile, from what is in the runs directory: its log's error
     * (the run failed or timed out), or nothing at all (the round was not run).
     */
    public String whyMissing(String scenario, String processor, int round) {
        Path log = runsDir.resolve(runName(scenario, processor, round) + ".log");
        if (!Files.exists(log)) {
            return "was not run";
        }
        return "failed: " + FreshJvm.errorLine(log) + " (" + log.getFileName() + ")";
    }

    /** The ceilings an earlier {@link #limit} left in the runs directory. */
    public Optional<List<Ceiling>> recordedLimit(String scenario, int round) {
        Path file = runsDir.resolve(limitName(scenario, round) + ".json");
        return Files.exists(file) ? Optional.of(Ceilings.read(file)) : Optional.empty();
    }

    public void note(String note) {
        notes.add(note);
    }

    public List<String> notes() {
        return notes;
    }

    public Path directory() {
        return runsDir;
    }

    private FreshJvm.Outcome run(List<String> args, String name) {
        return FreshJvm.run(args, runsDir.resolve(name + ".json"), runsDir.resolve(name + ".log"), timeout,
                arguments.environment());
    }

    private void failed(String what, String who, FreshJvm.Outcome outcome) {
        String why = outcome.timedOut() ? "did not finish within " + timeout.toSeconds() + " s"
                : "failed (exit " + outcome.exitCode() + "): " + outcome.lastLine();
        status.accept(what + " " + why + "; log: " + outcome.log());
        notes.add(who + " " + why + ".");
    }

    private static String runName(String scenario, String processor, int round) {
        return scenario + "_" + processor + "_" + round;
    }

    private static String limitName(String scenario, int round) {
        return scenario + "_limit_" + round;
    }
}
