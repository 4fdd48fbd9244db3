package org.etlworkshop.setup;

final class Units {
    private Units() {
    }

    static String gib(long bytes) {
        return String.format("%.1f GiB", bytes / (double) (1L << 30));
    }
}
