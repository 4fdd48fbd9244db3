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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code etl matrix}: every chosen processor in a fresh JVM, round after round, with the ceilings
 * measured in each round beside them; the report compares each processor's median round. A
 * processor above its {@code maxEvents} is skipped with a note: it would take too long to teach anything.
 */
public final class Matrix {

    /** The median round of each processor that ran, the median ceilings, and what was skipped or failed. */
    public record Result(List<Profile> medians, Ceilings ceilings, List<String> notes) {
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
        Map<String, List<Profile>> rounds = new LinkedHashMap<>();
        for (ProcessorConfig config : processors) {
            if (scenario.estimatedEvents() > config.maxEvents()) {
                runs.note(String.format("%s was not run: above %,d events it takes too long to teach anything (%s)",
                        config.name(), config.maxEvents(), config.description()));
            } else {
                rounds.put(config.name(), new ArrayList<>());
            }
        }
        List<List<Ceiling>> ceilingRounds = new ArrayList<>();
        int total = rounds.size() * repeat, done = 0;
        for (int round = 1; round <= repeat; round++) {
            // The ceilings are measured in every round, beside the processors, so that each report
            // compares medians taken under the same conditions.
            if (measureCeilings) {
                Optional<List<Ceiling>> ceilings = reportOnly ? runs.recordedLimit(scenario.name(), round)
                        : runs.limit(scenario.name(), round, "[limit " + round + "/" + repeat + "]");
                ceilings.ifPresent(ceilingRounds::add);
            }
            for (Map.Entry<String, List<Profile>> processor : rounds.entrySet()) {
                Optional<Profile> profile = reportOnly ? runs.recorded(scenario.name(), processor.getKey(), round)
                        : runs.process(scenario.name(), processor.getKey(), round, "[" + (++done) + "/" + total + "]");
                profile.ifPresent(processor.getValue()::add);
            }
        }
        List<Profile> medians = rounds.values().stream().filter(list -> !list.isEmpty())
                .map(list -> Median.of(list, p -> p.phases().runSeconds())).toList();
        if (medians.isEmpty()) {
            throw new EtlException("no run succeeded; see the logs in " + runs.directory());
        }
        return new Result(medians, Ceilings.median(ceilingRounds), List.copyOf(runs.notes()));
    }

    /** report.html (self-contained), report.md and the charts it shows, in {@code dir}. */
    public static MatrixReport write(Result result, String scenario, String command, int repeat, Path dir) {
        MatrixReport report = new MatrixReport(scenario, result.medians(), result.ceilings(), result.notes(), command, repeat);
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("report.html"), report.html());
            Charts.save(Charts.memoryOverTime(result.medians()), dir.resolve("memory"));
            Charts.save(Charts.liveHeapByProgress(result.medians()), dir.resolve("live-heap"));
            Files.writeString(dir.resolve("report.md"), report.markdown("memory.png", "live-heap.png"));
        } catch (IOException e) {
            throw new EtlException("cannot write the report in " + dir + ": " + IoErrors.describe(e), e);
        }
        return report;
    }
}
