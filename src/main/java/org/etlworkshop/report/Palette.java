package org.etlworkshop.report;

import java.awt.Color;

/**
 * One colour per processor of a report, the same in every chart of it, and no two alike: a reader
 * follows {@code copy-list} from the heap charts to the bars by its colour. Twenty hand-picked colours
 * (Tableau's ten, then ten more, each at least 60 apart in RGB from every other); beyond twenty, hues a golden angle apart.
 */
public final class Palette {
    private static final int[] COLOURS = {
            0x1f77b4, 0xd62728, 0x2ca02c, 0xff7f0e, 0x9467bd, 0x8c564b, 0xe377c2, 0x17becf, 0x7f7f7f, 0xbcbd22,
            0x222222, 0x393b79, 0xaec7e8, 0x98df8a, 0xf7b6d2, 0x8b0000, 0x800080, 0x006d5b, 0x00cc96, 0xb8860b};

    private Palette() {
    }

    /** The colour of the report's {@code index}-th processor (from 0). */
    public static Color of(int index) {
        if (index < COLOURS.length) {
            return new Color(COLOURS[index]);
        }
        float hue = (float) ((index - COLOURS.length) * 0.618033988749895 % 1.0);
        return Color.getHSBColor(hue, 0.7f, 0.55f + 0.3f * ((index / 7) % 2)); // alternate brightness so wrapped hues differ
    }

    /** The colour as CSS writes it, e.g. {@code #1f77b4}. */
    public static String css(Color colour) {
        return String.format("#%06x", colour.getRGB() & 0xffffff);
    }
}
