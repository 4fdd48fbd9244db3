package org.etlworkshop.pipeline;

import org.etlworkshop.UsageException;

import java.util.Locale;

/** How a run's events become what the warehouse's readers see ({@code etl process --publish}). */
public enum Publish {
    /**
     * On a fresh copy of the template, into the live table, in one transaction: the workshop's
     * classic run. Readers of the live table would wait for the load.
     */
    REPLACE,
    /**
     * Stage, swap, drop, in the warehouse that lives between runs: load where nobody reads (a
     * stage table with no secondary indexes), build the indexes after, check the count, then swap
     * the stage in by renames in one short transaction and drop the old table.
     */
    STAGED,
    /**
     * Only the submissions created or changed since the last successful run's watermark, staged,
     * then merged into the live table in one set-based transaction: the changed submissions' old
     * events deleted, their new ones inserted.
     */
    INCREMENTAL;

    public static Publish named(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException("unknown --publish '" + name + "'; valid: replace, staged, incremental");
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
