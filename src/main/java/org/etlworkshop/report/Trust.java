package org.etlworkshop.report;

import org.etlworkshop.limit.Ceiling;
import org.etlworkshop.load.CeilingFamily;
import org.etlworkshop.measure.Interference;
import org.etlworkshop.pipeline.LoaderRegistry;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.Objects;

/**
 * How far a matrix's numbers can be trusted: the spread of every round, the runs other processes
 * disturbed, each processor's ratio to its ceilings round by round, and the order the rounds ran in.
 * Rendered by {@link MatrixReport} next to the medians it qualifies.
 */
final class Trust {
    private static final double MIB = 1048576.0;

    /**
     * Why the streamed ceilings exist. Printed beside the ratios so a reader knows what 90% of a
     * ceiling means on a machine with few cores.
     */
    static final String PROCESS_SHAPES = "A ceiling read by the server from a file uses one process: a backend "
            + "parsing and indexing rows. A streaming processor keeps three busy on the same cores: the JVM (extracting, "
            + "transforming, encoding), the backend running its extract query and the backend running its COPY or INSERTs. "
            + "The streamed ceilings send the same ready-made files from the JVM through CopyManager: a JVM and one backend, "
            + "the closest shape to a COPY processor without its own work. On two cores, a processor at 75% of the file "
            + "ceiling may already be close to all the machine can give it.";

    private final Matrix.Result result;

    Trust(Matrix.Result result) {
        this.result = result;
    }

    static final String[] SPREAD_HEADERS = {"run", "rounds", "time (s)", "rows/s", "retained (MiB)", "others' CPU (max)",
            "disturbed"};

    /** Per processor: min / median / max of its figures over the rounds, and how much others used. */
    List<List<String>> spreadRows() {
        List<List<String>> rows = new ArrayList<>();
        result.rounds().forEach((name, rounds) -> {
            List<Profile> ran = rounds.stream().flatMap(Optional::stream).toList();
            if (ran.isEmpty()) {
                return;
            }
            rows.add(List.of(name, Integer.toString(ran.size()),
                    spread(ran, p -> p.phases().runSeconds()).format("%.2f"),
                    spread(ran, Profile::rowsPerSecond).format("%,.0f"),
                    spread(ran, p -> p.memory().retainedBytes() / MIB).format("%,.1f"),
                    othersMax(ran.stream().map(Profile::interference).toList()),
                    disturbedCount(ran.stream().filter(Profile::disturbed).count(), ran.size())));
        });
        return rows;
    }

    static final String[] CEILING_SPREAD_HEADERS = {"ceiling", "rounds", "rows/s", "others' CPU (max)", "disturbed"};

    List<List<String>> ceilingSpreadRows() {
        List<List<Ceiling>> rounds = result.ceilingRounds().stream().flatMap(Optional::stream).toList();
        if (rounds.isEmpty()) {
            return List.of();
        }
        return rounds.get(0).stream().map(Ceiling::name).map(name -> {
            List<Ceiling> each = rounds.stream().flatMap(List::stream).filter(c -> c.name().equals(name)).toList();
            return List.of(name, Integer.toString(each.size()),
                    Spread.of(each.stream().map(Ceiling::rowsPerSecond).toList()).format("%,.0f"),
                    othersMax(each.stream().map(Ceiling::interference).toList()),
                    disturbedCount(each.stream().filter(Ceiling::disturbed).count(), each.size()));
        }).toList();
    }

    /**
     * Each processor against its family's ceiling and, for the COPY loaders, the streamed one:
     * the range of the ratio over the rounds, each round's processor against that round's ceiling.
     * E.g. {@code copy: 86–94% of text COPY, 97–103% of text COPY, streamed}.
     */
    List<String> ratioRanges() {
        List<String> lines = new ArrayList<>();
        result.rounds().forEach((name, rounds) -> {
            Optional<Profile> any = rounds.stream().flatMap(Optional::stream).findFirst();
            if (any.isEmpty()) {
                return;
            }
            CeilingFamily family = LoaderRegistry.find(any.get().processor().loader())
                    .map(LoaderRegistry.Entry::ceiling).orElse(CeilingFamily.JDBC_BATCH);
            List<String> parts = new ArrayList<>();
            ratio(rounds, family.ceilingName()).ifPresent(s -> parts.add(s.percentRange() + " of " + family.ceilingName()));
            family.streamedCeilingName().flatMap(streamed -> ratio(rounds, streamed).map(s -> s.percentRange() + " of " + streamed))
                    .ifPresent(parts::add);
            if (!parts.isEmpty()) {
                lines.add(name + ": " + String.join(", ", parts));
            }
        });
        return lines;
    }

    /** The order of each round, e.g. {@code 1: (ceilings), copy, chunked}. */
    List<String> orders() {
        return IntStream.range(0, result.orders().size())
                .mapToObj(i -> (i + 1) + ": " + String.join(", ", result.orders().get(i))).toList();
    }

    private Optional<Spread> ratio(List<Optional<Profile>> rounds, String ceilingName) {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < rounds.size() && i < result.ceilingRounds().size(); i++) {
            Optional<Ceiling> ceiling = result.ceilingRounds().get(i)
                    .flatMap(list -> list.stream().filter(c -> c.name().equals(ceilingName)).findFirst());
            if (rounds.get(i).isPresent() && ceiling.isPresent() && ceiling.get().rowsPerSecond() > 0) {
                ratios.add(rounds.get(i).get().rowsPerSecond() / ceiling.get().rowsPerSecond());
            }
        }
        return ratios.isEmpty() ? Optional.empty() : Optional.of(Spread.of(ratios));
    }

    private static Spread spread(List<Profile> profiles, ToDoubleFunction<Profile> figure) {
        return Spread.of(profiles.stream().map(p -> figure.applyAsDouble(p)).toList());
    }

    /** The largest share of the machine others used in any round; n/a for runs recorded before it was measured. */
    private static String othersMax(List<Interference> figures) {
        List<Interference> measured = figures.stream().filter(Objects::nonNull).toList();
        return measured.isEmpty() ? "n/a" : String.format("%.0f%%",
                100 * measured.stream().mapToDouble(Interference::outsideShare).max().orElse(0));
    }

    private static String disturbedCount(long disturbed, int of) {
        return disturbed == 0 ? "none" : disturbed + " of " + of;
    }

    /** The rows of a table for the terminal, one per line. */
    static String text(String[] headers, List<List<String>> rows) {
        return rows.stream().map(r -> "  " + IntStream.range(0, r.size()).mapToObj(i -> (i == 0 ? "" : headers[i] + " ") + r.get(i))
                .collect(Collectors.joining(", "))).collect(Collectors.joining("\n", "", "\n"));
    }
}
