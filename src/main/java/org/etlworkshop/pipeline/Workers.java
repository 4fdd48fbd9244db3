package org.etlworkshop.pipeline;

import java.util.List;
import java.util.Optional;

/**
 * How a run's chunks are loaded: by one stream ({@link OneStream}), by one or more streams whose reading
 * and loading overlap ({@link OverlappedStreams}), by workers taking whole chunks ({@link Partitions}) or
 * by workers fed through a queue ({@link QueuedWorkers}). {@link ProcessRun}
 * prepares the passes and measures around them; a design only decides which thread runs which
 * part. A new object for each run.
 *
 * @param <E> the event shape the run's loader consumes
 */
interface Workers<E> {
    /**
     * @param eventsPerWorker what each worker wrote
     * @param queue           the queue design's hand-over: how full it was, who waited for whom
     * @param overlap         the hand-off between reading and loading of overlapped streams, likewise
     */
    record Outcome(List<Long> eventsPerWorker, Optional<RunResult.QueueFill> queue, Optional<RunResult.QueueFill> overlap) {
    }

    /** Loads every chunk still to do, each committed (and checkpointed) on its own; throws the first failure. */
    Outcome load(Passes<E> passes);
}
