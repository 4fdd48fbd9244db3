package org.etlworkshop.report;

import org.etlworkshop.IoErrors;
import org.etlworkshop.EtlException;
import org.etlworkshop.limit.Ceiling;
import org.etlworkshop.pipeline.ProcessorConfig;
import org.etlworkshop.scenario.Scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code etl matrix}: every chosen processor in a fresh JVM, round after round, with the ceilings
 * measured in each round beside them; the report compares each processor's median round and shows
 * the spread of all rounds. A processor above its {@code maxEvents} is skipped with a note: it would
 * take too long to teach anything.
 *
 * <p>The order rotates: round {@code r} starts {@code r - 1} places further along the list (the
 * ceilings are one of its places), so no processor always runs first in a cold server or right
 * after the ceilings' bulk loads, and a position's bias shows as spread instead of hiding in one
 * processor's median.
 */
public final class Matrix {
    /** The ceilings' place in the rotation. */
    static final String CEILINGS = "(ceilings)";

    /**
     * @param medians       the median round of each processor that ran
     * @param ceilings      per ceiling, its median round
     * @param rounds        every processor's rounds, by round number (empty where that round failed)
     * @param ceilingRounds the ceilings of each round, by round number (empty where not measured)
     * @param orders        the order each round ran in ({@link #CEILINGS} for the ceilings)
     */
    public record Result(List<Profile> medians, Ceilings ceilings, List<String> notes,
                         Map<String, List<Optional<Profile>>> rounds, List<Optional<List<Ceiling>>> ceilingRounds,
                         List<List<String>> orders) {
    }

    private final Scenario scenario;
    private final List<ProcessorConfig> processors;
    private final FreshRuns runs;

    public Matrix(Scenario scenario, List<ProcessorConfig> processors, FreshRuns runs) {
        this.scenario = scenario;
        this.processors = processors;
        this.runs = runs;
    }

    /** @param reportOnly read the rounds an earlier matrix left in the runs directory instead of running them */
    public Result run(int repeat, boolean measureCeilings, boolean reportOnly) {
        Map<String, List<Optional<Profile>>> rounds = new LinkedHashMap<>();
        for (ProcessorConfig config : processors) {
            if (scenario.estimatedEvents() > config.maxEvents()) {
                runs.note(String.format("%s was not run: above %,d events it takes too long to teach anything (%s)",
                        config.name(), config.maxEvents(), config.description()));
            } else {
                rounds.put(config.name(), new ArrayList<>());
            }
        }
        List<String> places = new ArrayList<>();
        if (measureCeilings) {
            places.add(CEILINGS);
        }
        places.addAll(rounds.keySet());
        List<Optional<List<Ceiling>>> ceilingRounds = new ArrayList<>();
        List<List<String>> orders = new ArrayList<>();
        int total = rounds.size() * repeat, done = 0;
        for (int round = 1; round <= repeat; round++) {
            List<String> order = rotated(places, round - 1);
            orders.add(order);
            ceilingRounds.add(Optional.empty());
            for (String place : order) {
                if (place.equals(CEILINGS)) {
                    ceilingRounds.set(round - 1, reportOnly ? runs.recordedLimit(scenario.name(), round)
                            : runs.limit(scenario.name(), round, "[limit " + round + "/" + repeat + "]"));
                } else {
                    rounds.get(place).add(reportOnly ? runs.recorded(scenario.name(), place, round)
                            : runs.process(scenario.name(), place, round, "[" + (++done) + "/" + total + "]"));
                }
            }
        }
        List<Profile> medians = rounds.values().stream().map(list -> list.stream().flatMap(Optional::stream).toList())
                .filter(list -> !list.isEmpty()).map(Median::byRunTime).toList();
        if (medians.isEmpty()) {
            throw new EtlException("no run succeeded; see the logs in " + runs.directory());
        }
        Ceilings ceilings = Ceilings.median(ceilingRounds.stream().flatMap(Optional::stream).toList());
        List<String> notes = new ArrayList<>(runs.notes());
        notes.addAll(disturbed(rounds, ceilingRounds)); // from what was recorded, so --report-only says the same
        notes.addAll(missing(rounds, repeat));
        return new Result(medians, ceilings, List.copyOf(notes), rounds, ceilingRounds, orders);
    }

    /** A note for every round kept although other processes disturbed it. */
    private static List<String> disturbed(Map<String, List<Optional<Profile>>> rounds, List<Optional<List<Ceiling>>> ceilingRounds) {
        List<String> notes = new ArrayList<>();
        for (int round = 1; round <= ceilingRounds.size(); round++) {
            int r = round;
            ceilingRounds.get(round - 1).flatMap(c -> c.stream().filter(Ceiling::disturbed).findFirst()).ifPresent(c -> notes.add(
                    FreshRuns.disturbedNote("the ceilings of round " + r, c.name() + ": " + c.interference().summary())));
            rounds.forEach((name, profiles) -> {
                if (r - 1 < profiles.size()) {
                    profiles.get(r - 1).filter(Profile::disturbed).ifPresent(p -> notes.add(
                            FreshRuns.disturbedNote(name + " round " + r, p.interference().summary())));
                }
            });
        }
        return notes;
    }

    /**
     * A note for every processor with fewer rounds than asked, saying which are missing and why, so that
     * "median of 3" is never claimed over two: "flush-per-entity: 2 of 3 rounds; round 3 failed: ...".
     */
    private List<String> missing(Map<String, List<Optional<Profile>>> rounds, int repeat) {
        List<String> notes = new ArrayList<>();
        rounds.forEach((name, profiles) -> {
            List<String> why = new ArrayList<>();
            for (int round = 1; round <= repeat; round++) {
                if (round > profiles.size() || profiles.get(round - 1).isEmpty()) {
                    why.add("round " + round + " " + runs.whyMissing(scenario.name(), name, round));
                }
            }
            if (!why.isEmpty()) {
                notes.add(name + ": " + (repeat - why.size()) + " of " + repeat + " rounds"
                        + (why.size() < repeat ? ", the median of those" : "") + "; " + String.join("; ", why));
            }
        });
        return notes;
    }

    /** {@code places} started {@code by} places further along, wrapping around. */
    static <T> List<T> rotated(List<T> places, int by) {
        if (places.isEmpty()) {
            return places;
        }
        List<T> order = new ArrayList<>(places);
        Collections.rotate(order, -(by % places.size()));
        return order;
    }

    /** The median runs of each processor in another matrix's directory, to set beside this one's. */
    public static List<Profile> mediansIn(Path matrixDir, String scenario) {
        return ClusterTables.mediansIn(matrixDir, scenario);
    }

    /** report.html (self-contained), report.md and the charts it shows, in {@code dir}. */
    public static MatrixReport write(Result result, String scenario, String command, int repeat, Path dir) {
        return write(result, scenario, command, repeat, dir, List.of());
    }

    /** @param beside the median runs of a matrix of the same scenario on one server ({@code --beside}), or none */
    public static MatrixReport write(Result result, String scenario, String command, int repeat, Path dir, List<Profile> beside) {
        MatrixReport report = new MatrixReport(scenario, result, command, repeat, beside);
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("report.html"), report.html());
            HeapMultiples.save(result.medians(), dir.resolve("memory"));
            Charts.save(Charts.liveHeapByProgress(result.medians()), dir.resolve("live-heap"));
            Files.writeString(dir.resolve("report.md"), report.markdown("memory.png", "live-heap.png"));
        } catch (IOException e) {
            throw new EtlException("cannot write the report in " + dir + ": " + IoErrors.describe(e), e);
        }
        return report;
    }
}
