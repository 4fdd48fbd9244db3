package org.etlworkshop.report;

import java.time.Duration;

/** How sizes and times are written for people, everywhere the tool prints or reports them. */
public final class Units {
    private Units() {
    }

    public static String mib(long bytes) {
        return bytes < 0 ? "n/a" : String.format("%,.1f MiB", bytes / 1048576.0);
    }

    public static String seconds(Duration duration) {
        return String.format("%.2f s", duration.toNanos() / 1e9);
    }
}
