package org.etlworkshop.report;

import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** No two processors of a report share a colour, and the hand-picked ones are far apart. */
class PaletteTest {
    @Test
    void everyProcessorOfAReportHasItsOwnColour() {
        assertThat(IntStream.range(0, 60).mapToObj(Palette::of).distinct()).hasSize(60);
    }

    @Test
    void theFirstTwentyColoursAreFarApart() {
        for (int a = 0; a < 20; a++) {
            for (int b = a + 1; b < 20; b++) {
                Color x = Palette.of(a), y = Palette.of(b);
                double distance = Math.sqrt(Math.pow(x.getRed() - y.getRed(), 2) + Math.pow(x.getGreen() - y.getGreen(), 2)
                        + Math.pow(x.getBlue() - y.getBlue(), 2));
                assertThat(distance).as(Palette.css(x) + " and " + Palette.css(y)).isGreaterThan(50);
            }
        }
    }

    @Test
    void cssWritesTheColourAsHex() {
        assertThat(Palette.css(new Color(0x1f77b4))).isEqualTo("#1f77b4");
    }
}
