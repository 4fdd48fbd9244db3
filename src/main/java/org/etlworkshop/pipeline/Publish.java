package org.etlworkshop.pipeline;

import org.etlworkshop.UsageException;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How a run's events become what the warehouse's readers see ({@code etl process --publish}). Each
 * mode is one {@link Publisher} class; a new mode is that class and one constant here.
 */
public enum Publish {
    /**
     * On a fresh copy of the template, into the live table, in one transaction: the workshop's
     * classic run. Readers of the live table would wait for the load.
     */
    REPLACE(new ReplacePublisher()),
    /**
     * Stage, swap, drop, in the warehouse that lives between runs: load where nobody reads (a
     * stage table with no secondary indexes), build the indexes after, check the count, then swap
     * the stage in by renames in one short transaction and drop the old table.
     */
    STAGED(new StagedPublisher()),
    /**
     * Only the submissions created or changed since the last successful run's watermark, staged,
     * then merged into the live table in one set-based transaction: the changed submissions' old
     * events deleted, their new ones inserted.
     */
    INCREMENTAL(new IncrementalPublisher());

    private final Publisher publisher;

    Publish(Publisher publisher) {
        this.publisher = publisher;
    }

    /** How this mode publishes: the one place that knows. */
    Publisher publisher() {
        return publisher;
    }

    public static Publish named(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException("unknown --publish '" + name + "'; valid: "
                    + Arrays.stream(values()).map(Publish::label).collect(Collectors.joining(", ")));
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
