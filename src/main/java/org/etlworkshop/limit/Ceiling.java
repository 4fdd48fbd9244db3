package org.etlworkshop.limit;

/**
 * How fast one technique loaded the ready-made rows: the measured ceiling. Written to
 * {@code ceilings.json} by {@code etl limit} and read back by the matrix reports.
 */
public record Ceiling(String name, String method, long rows, double seconds) {
    public double rowsPerSecond() {
        return seconds == 0 ? 0 : rows / seconds;
    }
}
