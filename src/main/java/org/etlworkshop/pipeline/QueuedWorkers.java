package org.etlworkshop.pipeline;

import org.etlworkshop.EtlException;
import org.etlworkshop.concurrent.BoundedHandoff;
import org.etlworkshop.concurrent.Futures;
import org.etlworkshop.concurrent.FirstFailure;
import org.etlworkshop.load.LoadTarget;
import org.etlworkshop.load.Loader;
import org.etlworkshop.measure.HelperThreads;
import org.etlworkshop.measure.StageMeter;
import org.etlworkshop.transform.EventFactory;
import org.etlworkshop.transform.Rejection;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code --workers N --workers-design queue}: one producer (the calling thread) extracts and transforms
 * the chunks of the source in order; N workers load what it hands them, each on its own connection.
 *
 * <p>The hand-over is N bounded queues of event batches, one per worker: the producer puts each
 * batch into the emptiest queue and <em>waits</em> when all are full, so a producer faster than the
 * loaders holds at most {@value #BATCHES_PER_WORKER} × {@value #BATCH} events per worker instead of
 * filling the heap (the design this follows polled an unbounded queue with sleeps). At the end of a
 * chunk the producer puts an end marker into every queue; a worker that takes it commits what it
 * loaded (one {@code load} call, one transaction, per chunk), and when the last worker has done so the
 * chunk is checkpointed, so {@code --resume} works as with partitions. One queue per worker rather than
 * one shared queue makes that possible: with a shared queue no worker knows when the others have
 * committed their part of a chunk. The queues are a {@link BoundedHandoff}, the same hand-off as the
 * parallel import's and transfer's pipe: the first failure, the producer's or a worker's, stops them all.
 *
 * <p>Measured for the lesson: the queues' fill level over time, how long the producer waited for room
 * (the loaders are the bottleneck) and how long the workers waited for batches once the first had
 * come (the producer is).
 */
final class QueuedWorkers<E> implements Workers<E> {
    static final int BATCH = 500;
    static final int BATCHES_PER_WORKER = 4;
    private static final long SAMPLE_MILLIS = 20;
    private static final int MAX_SAMPLES = 2000;

    /** What the queues hold: a batch of events or the end of a chunk; the end of the run is the hand-off's end marker. */
    private record Item<E>(List<E> events, int chunkEnd, boolean finish) {
        static <E> Item<E> batch(List<E> events) {
            return new Item<>(events, -1, false);
        }

        static <E> Item<E> endOf(int chunk) {
            return new Item<>(null, chunk, false);
        }

        static <E> Item<E> endOfRun() {
            return new Item<>(null, -1, true);
        }

        boolean isMarker() {
            return events == null;
        }
    }

    private final BoundedHandoff<Item<E>> queues; // one bounded queue per worker
    private final ConcurrentHashMap<Integer, long[]> committing = new ConcurrentHashMap<>(); // chunk -> {workers left, events}
    private Passes<E> passes;
    private int turn; // the producer's alone

    QueuedWorkers(int workers) {
        this.queues = new BoundedHandoff<>(workers, BATCHES_PER_WORKER + 1); // + 1: room for an end marker
    }

    /** Produces the chunks here, loads them on the workers; throws the first failure of either. */
    @Override
    public Outcome load(Passes<E> passes) {
        this.passes = passes;
        ExecutorService threads = Executors.newFixedThreadPool(queues.lanes());
        queues.sampleFill(SAMPLE_MILLIS, MAX_SAMPLES, item -> !item.isMarker());
        List<Future<Long>> running = new ArrayList<>();
        for (int w = 0; w < queues.lanes(); w++) {
            Loader<E> loader = w == 0 ? passes.pipeline().loader() : passes.forAnotherWorker().loader();
            int queue = w;
            running.add(threads.submit(HelperThreads.counted(() -> work(loader, queue))));
        }
        threads.shutdown();
        try {
            for (Integer chunk = passes.next(); chunk != null && queues.failure() == null; chunk = passes.next()) {
                produce(chunk);
            }
            queues.end();
        } catch (RuntimeException | OutOfMemoryError e) {
            queues.fail(e instanceof RuntimeException r ? r : new EtlException("the producer ran out of memory", e));
        }
        List<Long> perWorker = List.of();
        try {
            perWorker = Futures.all(running, queues::fail);
        } catch (RuntimeException e) {
            // the hand-off keeps the run's first failure, the producer's or a worker's: thrown below
        } finally {
            queues.close();
        }
        if (queues.failure() != null) {
            throw FirstFailure.unchecked(queues.failure());
        }
        return new Outcome(perWorker, Optional.of(new RunResult.QueueFill(queues.lanes() * BATCHES_PER_WORKER, BATCH,
                queues.fillSamples(), queues.producerWaitMillis(), queues.consumersWaitMillis())), Optional.empty());
    }

    /**
     * One chunk: the run's pipeline in its own read transaction, with a "loader" that hands the
     * events over in batches instead of writing them.
     */
    private void produce(int chunk) {
        Pipeline<E> producer = passes.pipeline().wrapped(passes.pipeline().extractor(), new HandOver());
        List<Rejection> rejections = new ArrayList<>();
        committing.put(chunk, new long[] {queues.lanes(), 0});
        passes.read(chunk, producer, StageMeter.OFF, rejections);
        queues.throwIfFailed(); // a chunk cut short keeps no rejections either
        passes.keep(rejections);
        for (int queue = 0; queue < queues.lanes(); queue++) {
            queues.put(queue, Item.endOf(chunk));
        }
    }

    /** The producer's end of the pipeline: batches of {@value #BATCH} events into the queues; writes nothing itself. */
    private final class HandOver implements Loader<E> {
        @Override
        public EventFactory<E> eventFactory() {
            return passes.pipeline().loader().eventFactory(); // the events the workers' loaders consume
        }

        @Override
        public long load(Iterator<E> events, LoadTarget target) {
            List<E> batch = new ArrayList<>(BATCH);
            while (events.hasNext() && queues.failure() == null) {
                batch.add(events.next());
                if (batch.size() == BATCH) {
                    handOver(batch);
                    batch = new ArrayList<>(BATCH);
                }
            }
            if (!batch.isEmpty()) {
                handOver(batch);
            }
            return 0;
        }
    }

    /**
     * Into the emptiest queue (the worker with the least in front of it), ties taken in turn; when
     * every queue is full this waits for room: that wait is the back-pressure.
     */
    private void handOver(List<E> batch) {
        int first = turn++ % queues.lanes();
        int emptiest = first;
        for (int i = 1; i < queues.lanes(); i++) {
            int queue = (first + i) % queues.lanes();
            if (queues.waiting(queue) < queues.waiting(emptiest)) {
                emptiest = queue;
            }
        }
        queues.put(emptiest, Item.batch(batch));
    }

    /** A worker: one load, one transaction, per chunk's share of its queue; returns the events it wrote. */
    private long work(Loader<E> loader, int queue) {
        try {
            long mine = 0;
            while (true) {
                Segment segment = new Segment(queue);
                MeasuredLoader<E> measured = passes.measured(loader, StageMeter.OFF, () -> { });
                long written = segment.first().isMarker() ? 0 : measured.load(segment, passes.target()); // nothing for me in this chunk
                passes.produced(measured);
                if (segment.end == null) {
                    throw new IllegalStateException("the " + passes.loaderName() + " loader returned before its last event");
                }
                if (segment.end.finish()) {
                    return mine;
                }
                mine += written;
                committed(segment.end.chunkEnd(), written);
            }
        } catch (RuntimeException | OutOfMemoryError e) {
            RuntimeException cause = e instanceof RuntimeException r ? r : new EtlException("a worker ran out of memory", e);
            queues.fail(cause);
            throw cause;
        }
    }

    /** The last worker to commit its part of a chunk checkpoints it. */
    private void committed(int chunk, long written) {
        long[] state = committing.get(chunk);
        boolean last;
        synchronized (state) {
            state[1] += written;
            last = --state[0] == 0;
        }
        if (last) {
            passes.committed(chunk, state[1]);
            committing.remove(chunk);
        }
    }

    /** The events of one queue up to its next marker, taken as the loader pulls them. */
    private final class Segment implements Iterator<E> {
        private final int queue;
        private Item<E> head;
        private Iterator<E> batch = Collections.emptyIterator();
        private Item<E> end;

        Segment(int queue) {
            this.queue = queue;
        }

        Item<E> first() {
            if (head == null) {
                head = take();
                accept(head);
            }
            return head;
        }

        @Override
        public boolean hasNext() {
            first();
            while (!batch.hasNext() && end == null) {
                accept(take());
            }
            return batch.hasNext();
        }

        private void accept(Item<E> item) {
            if (item.isMarker()) {
                end = item;
            } else {
                batch = item.events().iterator();
            }
        }

        @Override
        public E next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return batch.next();
        }

        /** Waits for the producer; once anyone failed it throws, inside a load: its transaction rolls back, nothing of this chunk is kept. */
        private Item<E> take() {
            Item<E> item = queues.take(queue);
            return item != null ? item : Item.endOfRun();
        }
    }
}
