package org.etlworkshop.limit;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LoadCeilingsTest {

    private static LoadCeilings.Ceiling c(String name, double seconds) {
        return new LoadCeilings.Ceiling(name, "how", 1000, seconds);
    }

    @Test
    void theMedianIsTakenPerCeilingNotPerRound() {
        List<List<LoadCeilings.Ceiling>> rounds = List.of(
                List.of(c("text COPY", 9), c("binary COPY", 5)),
                List.of(c("text COPY", 7), c("binary COPY", 8)),
                List.of(c("text COPY", 8), c("binary COPY", 6)));
        assertThat(LoadCeilings.median(rounds)).containsExactly(c("text COPY", 8), c("binary COPY", 6));
        assertThat(LoadCeilings.median(List.of())).isEmpty();
    }
}
