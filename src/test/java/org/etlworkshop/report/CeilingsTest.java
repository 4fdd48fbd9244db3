package org.etlworkshop.report;

import org.etlworkshop.limit.Ceiling;
import org.etlworkshop.load.CeilingFamily;
import org.etlworkshop.pipeline.LoaderRegistry;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CeilingsTest {

    private static Ceiling c(String name, double seconds) {
        return new Ceiling(name, "how", 1000, seconds, null);
    }

    @Test
    void theMedianIsTakenPerCeilingNotPerRound() {
        List<List<Ceiling>> rounds = List.of(
                List.of(c("text COPY", 9), c("binary COPY", 5)),
                List.of(c("text COPY", 7), c("binary COPY", 8)),
                List.of(c("text COPY", 8), c("binary COPY", 6)));
        assertThat(Ceilings.median(rounds).all()).containsExactly(c("text COPY", 8), c("binary COPY", 6));
        assertThat(Ceilings.median(List.of()).isEmpty()).isTrue();
    }

    @Test
    void theMedianOfAnEvenCountIsTheLowerMiddleRound() {
        assertThat(Median.of(List.of(4.0, 1.0, 3.0, 2.0), x -> x)).isEqualTo(2.0);
        assertThat(Median.of(List.of(5.0), x -> x)).isEqualTo(5.0);
        assertThatThrownBy(() -> Median.of(List.<Double>of(), x -> x)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyLoaderIsJudgedAgainstTheCeilingOfItsFamily() {
        Ceilings all = new Ceilings(List.of(CeilingFamily.values()).stream().map(f -> c(f.ceilingName(), 1)).toList());
        for (String loader : LoaderRegistry.names()) {
            assertThat(all.familyOf(loader).name()).as(loader)
                    .isEqualTo(LoaderRegistry.named(loader).ceiling().ceilingName());
        }
        assertThat(all.familyOf("copy").name()).isEqualTo("text COPY");
        assertThat(all.familyOf("stateless").name()).isEqualTo("JDBC batch");
    }

    @Test
    void reportsOlderThanTheIndexesAfterCeilingJudgeItAgainstBinaryCopy() {
        Ceilings old = new Ceilings(List.of(c("text COPY", 1), c("binary COPY", 1), c("JDBC batch", 1)));
        assertThat(old.familyOf("copy-binary-indexes-after").name()).isEqualTo("binary COPY");
        assertThat(old.familyOf("a-loader-of-a-later-version").name()).isEqualTo("JDBC batch");
        assertThat(old.psqlCsv()).isEmpty();
    }
}
