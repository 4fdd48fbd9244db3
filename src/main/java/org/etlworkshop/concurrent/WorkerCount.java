package org.etlworkshop.concurrent;

import org.etlworkshop.UsageException;

/**
 * How many workers a command may start, each on its own connection: a run's loading threads
 * ({@code etl process --workers}, a sweep's {@code --over-workers}) and an import's loading
 * connections ({@code etl import --workers}). One bound for all: more than two cores' worth of
 * workers was never faster here, and each one holds a connection and, for an import, a prepared
 * transaction.
 */
public final class WorkerCount {
    public static final int MAX = 16;

    private WorkerCount() {
    }

    /**
     * @param option what the user typed, e.g. {@code --workers}
     * @param counts what the number counts, for the message, e.g. "loading threads"
     */
    public static int checked(int workers, String option, String counts) {
        if (workers < 1 || workers > MAX) {
            throw new UsageException(option + " must be 1 to " + MAX + " (" + counts + "), not " + workers);
        }
        return workers;
    }
}
