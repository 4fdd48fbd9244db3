package org.etlworkshop.limit;

import org.etlworkshop.measure.Interference;

/**
 * How fast one technique loaded the ready-made rows: the measured ceiling. Written to
 * {@code ceilings.json} by {@code etl limit} and read back by the matrix reports.
 *
 * @param interference what other processes used of the machine during the load; null in older files
 */
public record Ceiling(String name, String method, long rows, double seconds, Interference interference) {

    public boolean disturbed() {
        return interference != null && interference.disturbed();
    }

    public double rowsPerSecond() {
        return seconds == 0 ? 0 : rows / seconds;
    }
}
