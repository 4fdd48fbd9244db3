package org.etlworkshop.report;

import org.etlworkshop.limit.Ceiling;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The spread, ratio ranges and orders of a matrix, on the committed reference runs of medium (3 rounds). */
class TrustTest {
    private static final Path RUNS = Path.of("profiles/reference/medium/runs");

    private static List<Optional<Profile>> rounds(String processor) {
        return IntStream.rangeClosed(1, 3).mapToObj(r -> Optional.of(Profiles.read(RUNS.resolve("medium_" + processor + "_" + r + ".json"))))
                .toList();
    }

    private static Matrix.Result result() {
        Map<String, List<Optional<Profile>>> rounds = new LinkedHashMap<>();
        rounds.put("copy", rounds("copy"));
        rounds.put("chunked", rounds("chunked"));
        List<Optional<List<Ceiling>>> ceilings = IntStream.rangeClosed(1, 3)
                .mapToObj(r -> Optional.of(Ceilings.read(RUNS.resolve("medium_limit_" + r + ".json")))).toList();
        List<Profile> medians = rounds.values().stream().map(l -> Median.of(l.stream().map(Optional::get).toList(),
                p -> p.phases().runSeconds())).toList();
        return new Matrix.Result(medians, Ceilings.median(ceilings.stream().map(Optional::get).toList()), List.of(), rounds,
                ceilings, List.of(List.of("a"), List.of("b"), List.of("c")));
    }

    @Test
    void theSpreadIsTheLeastTheMedianAndTheGreatestOfEveryRound() {
        List<Double> seconds = rounds("copy").stream().map(p -> p.get().phases().runSeconds()).sorted().toList();
        List<String> copy = new Trust(result()).spreadRows().get(0);
        assertThat(copy.get(0)).isEqualTo("copy");
        assertThat(copy.get(1)).isEqualTo("3");
        assertThat(copy.get(2)).isEqualTo(String.format("%.2f / %.2f / %.2f", seconds.get(0), seconds.get(1), seconds.get(2)));
        List<Profile> ran = rounds("copy").stream().map(Optional::get).toList();
        String others = ran.stream().anyMatch(p -> p.interference() == null) && ran.stream().allMatch(p -> p.interference() == null)
                ? "n/a" : String.format("%.0f%%", 100 * ran.stream().filter(p -> p.interference() != null)
                .mapToDouble(p -> p.interference().outsideShare()).max().orElse(0));
        assertThat(copy.get(5)).as("the largest share others took in any round ('n/a' before the meter existed)").isEqualTo(others);
    }

    @Test
    void ratioRangesPairEachRoundWithThatRoundsCeiling() {
        List<Optional<Profile>> copy = rounds("copy");
        double[] ratios = IntStream.range(0, 3).mapToDouble(i -> copy.get(i).get().rowsPerSecond()
                / Ceilings.read(RUNS.resolve("medium_limit_" + (i + 1) + ".json")).stream()
                .filter(c -> c.name().equals("text COPY")).findFirst().orElseThrow().rowsPerSecond()).sorted().toArray();
        String expected = "copy: " + Math.round(100 * ratios[0]) + "–" + Math.round(100 * ratios[2]) + "% of text COPY";
        assertThat(new Trust(result()).ratioRanges().get(0)).startsWith(expected);
        assertThat(new Trust(result()).ratioRanges().get(1)).startsWith("chunked: ").endsWith("% of JDBC batch");
    }

    @Test
    void theOrderRotatesSoEveryPlaceIsTakenInTurn() {
        List<String> places = List.of(Matrix.CEILINGS, "copy", "chunked");
        assertThat(Matrix.rotated(places, 0)).containsExactly(Matrix.CEILINGS, "copy", "chunked");
        assertThat(Matrix.rotated(places, 1)).containsExactly("copy", "chunked", Matrix.CEILINGS);
        assertThat(Matrix.rotated(places, 2)).containsExactly("chunked", Matrix.CEILINGS, "copy");
        assertThat(Matrix.rotated(places, 3)).isEqualTo(places);
        assertThat(new Trust(result()).orders()).containsExactly("1: a", "2: b", "3: c");
    }

    @Test
    void oneRoundIsOneValueAndRangesCollapse() {
        assertThat(Spread.of(List.of(2.5)).format("%.1f")).isEqualTo("2.5");
        assertThat(Spread.of(List.of(0.9, 0.86, 0.94)).percentRange()).isEqualTo("86–94%");
        assertThat(Spread.of(List.of(0.901, 0.899)).percentRange()).isEqualTo("90%");
        assertThat(Spread.of(List.of(3.0, 1.0, 2.0))).isEqualTo(new Spread(1, 2, 3, 3));
    }
}
