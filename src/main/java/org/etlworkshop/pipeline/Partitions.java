package org.etlworkshop.pipeline;

import org.etlworkshop.concurrent.FirstFailure;
import org.etlworkshop.concurrent.Futures;
import org.etlworkshop.measure.HelperThreads;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code --workers N --workers-design partitions}: N threads take chunks of the source from one list,
 * each with its own pipeline (its own extractor cache and loader) but the run's one transformer, so
 * every event carries the same {@code processed_on}: Spring Batch's partitioning. A worker that fails
 * stops the others after their current chunk; what they checkpointed stays in the stage for
 * {@code --resume}, and nothing is published.
 */
final class Partitions<E> implements Workers<E> {
    private final int workers;

    Partitions(int workers) {
        this.workers = workers;
    }

    @Override
    public Outcome load(Passes<E> passes) {
        ExecutorService threads = Executors.newFixedThreadPool(workers);
        List<Future<Long>> running = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            Pipeline<E> own = w == 0 ? passes.pipeline() : passes.forAnotherWorker();
            running.add(threads.submit(HelperThreads.counted(() -> passes.drain(own, false))));
        }
        threads.shutdown();
        try {
            return new Outcome(Futures.all(running, failure -> passes.stop()), Optional.empty(), Optional.empty());
        } catch (FirstFailure e) {
            throw e.unwrapped();
        }
    }
}
