package org.etlworkshop.pipeline;

import org.etlworkshop.EtlException;
import org.etlworkshop.Progress;
import org.etlworkshop.concurrent.Futures;
import org.etlworkshop.concurrent.WorkerFailed;
import org.etlworkshop.load.LoadTarget;
import org.etlworkshop.load.Loader;
import org.etlworkshop.load.RejectionLog;
import org.etlworkshop.measure.StageMeter;
import org.etlworkshop.transform.EventFactory;
import org.etlworkshop.transform.Rejection;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

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
 * committed their part of a chunk.
 *
 * <p>Measured for the lesson: the queues' fill level over time, how long the producer waited for room
 * (the loaders are the bottleneck) and how long the workers waited for batches once the first had
 * come (the producer is).
 */
final class QueuedWorkers<E> {
    static final int BATCH = 500;
    static final int BATCHES_PER_WORKER = 4;
    private static final long SAMPLE_MILLIS = 20;
    private static final int MAX_SAMPLES = 2000;

    /** What the queue holds: a batch of events, the end of a chunk, or the end of the run. */
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

    private final ProcessorConfig config;
    private final Pipeline<E> pipeline;
    private final LoadTarget target;
    private final ProcessRun.Plan plan;
    private final DataSource pool;
    private final ProcessRun.Totals totals;
    private final AtomicLong failures;
    private final Progress progress;
    private final List<BlockingQueue<Item<E>>> queues = new ArrayList<>();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private final ConcurrentHashMap<Integer, long[]> committing = new ConcurrentHashMap<>(); // chunk -> {workers left, events}
    private final LongAdder producerWaitNanos = new LongAdder();
    private final LongAdder workersWaitNanos = new LongAdder();
    private final List<long[]> samples = new ArrayList<>();
    private int turn; // the producer's alone
    private long ticks; // the sampler's alone
    private long ticksPerSample = 1;

    QueuedWorkers(ProcessorConfig config, Pipeline<E> pipeline, LoadTarget target, ProcessRun.Plan plan, DataSource pool,
                  ProcessRun.Totals totals, AtomicLong failures, Progress progress, int workers) {
        this.config = config;
        this.pipeline = pipeline;
        this.target = target;
        this.plan = plan;
        this.pool = pool;
        this.totals = totals;
        this.failures = failures;
        this.progress = progress;
        for (int w = 0; w < workers; w++) {
            queues.add(new ArrayBlockingQueue<>(BATCHES_PER_WORKER + 1)); // + 1: room for an end marker
        }
    }

    /** Produces the {@code pending} chunks here, loads them on the workers; throws the first failure of either. */
    RunResult.QueueFill run(Queue<Integer> pending) {
        ExecutorService threads = Executors.newFixedThreadPool(queues.size());
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        long start = System.nanoTime();
        sampler.scheduleAtFixedRate(() -> sample(start), 0, SAMPLE_MILLIS, TimeUnit.MILLISECONDS);
        List<Future<Long>> running = new ArrayList<>();
        for (int w = 0; w < queues.size(); w++) {
            Loader<E> loader = w == 0 ? pipeline.loader() : pipeline.forAnotherWorker(config).loader();
            BlockingQueue<Item<E>> queue = queues.get(w);
            running.add(threads.submit(() -> work(loader, queue)));
        }
        threads.shutdown();
        try {
            for (Integer chunk = pending.poll(); chunk != null && failure.get() == null; chunk = pending.poll()) {
                produce(chunk);
            }
            for (BlockingQueue<Item<E>> queue : queues) {
                put(queue, Item.endOfRun());
            }
        } catch (RuntimeException | OutOfMemoryError e) {
            fail(e instanceof RuntimeException r ? r : new EtlException("the producer ran out of memory", e));
        }
        try {
            totals.perWorker.addAll(Futures.all(running, first -> { }));
        } catch (WorkerFailed e) {
            fail(e.unwrapped()); // the run's first failure, the producer's or a worker's, is already kept
        } catch (EtlException interrupted) {
            fail(interrupted);
        }
        sampler.shutdownNow();
        if (failure.get() != null) {
            throw failure.get();
        }
        List<long[]> fill;
        synchronized (samples) {
            fill = List.copyOf(samples);
        }
        return new RunResult.QueueFill(queues.size() * BATCHES_PER_WORKER, BATCH, fill,
                producerWaitNanos.sum() / 1_000_000, workersWaitNanos.sum() / 1_000_000);
    }

    /**
     * One chunk: the run's pipeline in its own read transaction, with a "loader" that hands the
     * events over in batches instead of writing them.
     */
    private void produce(int chunk) {
        MeasuredExtractor extractor = new MeasuredExtractor(pipeline.extractor(), StageMeter.OFF);
        Pipeline<E> producer = pipeline.wrapped(extractor, new HandOver());
        List<Rejection> rejections = new ArrayList<>();
        committing.put(chunk, new long[] {queues.size(), 0});
        try {
            ProcessRun.inReadTransaction(target, plan.slice(chunk), session -> producer.run(session, target, rejections::add));
        } finally {
            totals.read.addAndGet(extractor.submissionsRead());
        }
        stopIfFailed(); // a chunk cut short keeps no rejections either
        RejectionLog.record(pool, target.tables(), rejections, pipeline.transformer().processedOn());
        totals.rejections.addAll(rejections);
        for (BlockingQueue<Item<E>> queue : queues) {
            put(queue, Item.endOf(chunk));
        }
    }

    /** The producer's end of the pipeline: batches of {@value #BATCH} events into the queues; writes nothing itself. */
    private final class HandOver implements Loader<E> {
        @Override
        public EventFactory<E> eventFactory() {
            return pipeline.loader().eventFactory(); // the events the workers' loaders consume
        }

        @Override
        public long load(Iterator<E> events, LoadTarget target) {
            List<E> batch = new ArrayList<>(BATCH);
            while (events.hasNext() && failure.get() == null) {
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

    /** Into the emptiest queue (the worker with the least in front of it), ties taken in turn. */
    private void handOver(List<E> batch) {
        int first = turn++ % queues.size();
        BlockingQueue<Item<E>> emptiest = queues.get(first);
        for (int i = 1; i < queues.size(); i++) {
            BlockingQueue<Item<E>> queue = queues.get((first + i) % queues.size());
            if (queue.size() < emptiest.size()) {
                emptiest = queue;
            }
        }
        put(emptiest, Item.batch(batch));
    }

    /** Waits for room (that wait is the back-pressure), giving up when a worker has failed. */
    private void put(BlockingQueue<Item<E>> queue, Item<E> item) {
        long waitStart = System.nanoTime();
        try {
            while (!queue.offer(item, 50, TimeUnit.MILLISECONDS)) {
                stopIfFailed();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EtlException("interrupted while handing events to the workers");
        } finally {
            producerWaitNanos.add(System.nanoTime() - waitStart);
        }
    }

    /** A worker: one load, one transaction, per chunk's share of its queue; returns the events it wrote. */
    private long work(Loader<E> loader, BlockingQueue<Item<E>> queue) {
        try {
            long mine = 0;
            Loader<E> failing = FailingLoader.after(loader, failures);
            boolean[] started = {false};
            while (true) {
                Segment segment = new Segment(queue, started);
                MeasuredLoader<E> measured = new MeasuredLoader<>(failing, StageMeter.OFF, progress, () -> { });
                long written = segment.first().isMarker() ? 0 : measured.load(segment, target); // nothing for me in this chunk
                totals.produced.addAndGet(measured.eventsProduced());
                if (segment.end == null) {
                    throw new IllegalStateException("the " + config.loader() + " loader returned before its last event");
                }
                if (segment.end.finish()) {
                    return mine;
                }
                mine += written;
                committed(segment.end.chunkEnd(), written);
            }
        } catch (RuntimeException | OutOfMemoryError e) {
            RuntimeException cause = e instanceof RuntimeException r ? r : new EtlException("a worker ran out of memory", e);
            fail(cause);
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
            RunLog.checkpoint(pool, plan.runId(), chunk, state[1]);
            totals.written.addAndGet(state[1]);
            committing.remove(chunk);
        }
    }

    /** The events of one queue up to its next marker, taken as the loader pulls them. */
    private final class Segment implements Iterator<E> {
        private final BlockingQueue<Item<E>> queue;
        private final boolean[] started; // this worker has had its first item: waits from now on are counted
        private Item<E> head;
        private Iterator<E> batch = Collections.emptyIterator();
        private Item<E> end;

        Segment(BlockingQueue<Item<E>> queue, boolean[] started) {
            this.queue = queue;
            this.started = started;
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

        private Item<E> take() {
            long waitStart = System.nanoTime();
            try {
                Item<E> item;
                while ((item = queue.poll(50, TimeUnit.MILLISECONDS)) == null) {
                    stopIfFailed();
                }
                return item;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EtlException("interrupted while waiting for events");
            } finally {
                if (started[0]) { // not the wait for the run's first batch: the extract query and a cold JVM
                    workersWaitNanos.add(System.nanoTime() - waitStart);
                }
                started[0] = true;
            }
        }
    }

    private void stopIfFailed() {
        if (failure.get() != null) {
            // thrown inside a load: its transaction rolls back, nothing of this chunk is kept
            throw new EtlException("stopped: " + failure.get().getMessage());
        }
    }

    private void fail(RuntimeException e) {
        failure.compareAndSet(null, e);
    }

    /** Every {@value #SAMPLE_MILLIS} ms at first; a long run keeps every other sample and samples half as often, so at most {@value #MAX_SAMPLES}. */
    private void sample(long start) {
        if (ticks++ % ticksPerSample != 0) {
            return;
        }
        long batches = 0;
        for (BlockingQueue<Item<E>> queue : queues) {
            batches += queue.stream().filter(item -> !item.isMarker()).count();
        }
        synchronized (samples) {
            if (samples.size() == MAX_SAMPLES) {
                List<long[]> kept = new ArrayList<>();
                for (int i = 0; i < samples.size(); i += 2) {
                    kept.add(samples.get(i));
                }
                samples.clear();
                samples.addAll(kept);
                ticksPerSample *= 2;
            }
            samples.add(new long[] {(System.nanoTime() - start) / 1_000_000, batches});
        }
    }
}
