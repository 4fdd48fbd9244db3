package org.etlworkshop.pipeline;

import org.etlworkshop.EtlException;
import org.etlworkshop.concurrent.BoundedHandoff;
import org.etlworkshop.concurrent.FirstFailure;
import org.etlworkshop.concurrent.Futures;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One stream that overlaps its reading and its loading ({@code --overlap}), or N of them side by side
 * ({@code --workers N} in the partitions design). Each stream is a pair of threads: a reader extracts and
 * transforms the chunks it takes from the run's list, a loader loads them, and between the two sits
 * their lane of one {@link BoundedHandoff}, the queue design's hand-off: at most {@value #BATCHES}
 * batches of {@value #BATCH} events, so a reader faster than its loader waits instead of filling the heap.
 *
 * <p>Why: a single thread alternates between two waits, for the extract query's next rows and for the
 * server to take the COPY's bytes or a batch's INSERT, and each side of the server idles while the
 * thread serves the other. Two threads keep both going. With N pairs the extract itself is split by id
 * range over N readers, each on its own connection: what a run whose reader is the bottleneck needs to
 * gain from more workers.
 *
 * <p>Each chunk is loaded in one transaction (one {@code load} call) by its pair's loader; its rejections
 * and its checkpoint are kept only once that has committed, so a failed load keeps neither. The first
 * failure of any reader or loader stops every one of them. Measured as the queue design is: how full the
 * lanes were, how long the readers waited for room (the loaders were the bottleneck) and how long the
 * loaders waited for events (the readers were).
 */
final class OverlappedStreams<E> implements Workers<E> {
    static final int BATCH = 500;
    static final int BATCHES = 4;
    private static final long SAMPLE_MILLIS = 20;
    private static final int MAX_SAMPLES = 2000;

    /** A batch of events, or the end of a chunk with its rejections (no events). */
    private record Item<E>(List<E> events, int chunk, List<Rejection> rejections) {
        boolean endsChunk() {
            return events == null;
        }
    }

    private final BoundedHandoff<Item<E>> lanes;

    OverlappedStreams(int streams) {
        this.lanes = new BoundedHandoff<>(streams, BATCHES); // the end of a chunk waits for room as a batch does
    }

    /** Reads on this thread (the first stream's reader) and on one more per further stream; loads on one per stream. */
    @Override
    public Outcome load(Passes<E> passes) {
        int streams = lanes.lanes();
        ExecutorService threads = Executors.newFixedThreadPool(2 * streams - 1);
        lanes.sampleFill(SAMPLE_MILLIS, MAX_SAMPLES, item -> !item.endsChunk());
        List<Future<Long>> loaders = new ArrayList<>();
        List<Future<Long>> readers = new ArrayList<>();
        for (int lane = 0; lane < streams; lane++) {
            Pipeline<E> own = lane == 0 ? passes.pipeline() : passes.forAnotherWorker();
            int mine = lane;
            loaders.add(threads.submit(HelperThreads.counted(() -> loadLane(passes, own.loader(), mine))));
            if (lane > 0) {
                readers.add(threads.submit(HelperThreads.counted(() -> readLane(passes, own, mine))));
            }
        }
        threads.shutdown();
        readLane(passes, passes.pipeline(), 0);
        List<Long> perStream = List.of();
        try {
            Futures.all(readers, lanes::fail); // a reader hands its failure to the lanes and returns
            perStream = Futures.all(loaders, lanes::fail);
        } catch (RuntimeException e) {
            // the hand-off keeps the run's first failure, a reader's or a loader's: thrown below
        } finally {
            lanes.close();
        }
        if (lanes.failure() != null) {
            throw FirstFailure.unchecked(lanes.failure());
        }
        return new Outcome(perStream, Optional.empty(), Optional.of(new RunResult.QueueFill(streams * BATCHES, BATCH,
                lanes.fillSamples(), lanes.producerWaitMillis(), lanes.consumersWaitMillis())));
    }

    /** A reader: every chunk it takes through its pipeline in a read transaction, the events handed over in batches. */
    private long readLane(Passes<E> passes, Pipeline<E> own, int lane) {
        try {
            Pipeline<E> reading = own.wrapped(own.extractor(), new HandOver(own.loader().eventFactory(), lane));
            for (Integer chunk = passes.next(); chunk != null && lanes.failure() == null; chunk = passes.next()) {
                List<Rejection> rejections = new ArrayList<>();
                passes.read(chunk, reading, StageMeter.OFF, rejections);
                lanes.put(lane, new Item<>(null, chunk, rejections));
            }
            lanes.end(lane);
        } catch (RuntimeException | OutOfMemoryError e) {
            lanes.fail(e instanceof RuntimeException r ? r : new EtlException("a reader ran out of memory", e));
        }
        return 0;
    }

    /** The reader's end of its pipeline: batches of {@value #BATCH} events into its lane; writes nothing itself. */
    private final class HandOver implements Loader<E> {
        private final EventFactory<E> events;
        private final int lane;

        HandOver(EventFactory<E> events, int lane) {
            this.events = events;
            this.lane = lane;
        }

        @Override
        public EventFactory<E> eventFactory() {
            return events; // the events its loader consumes
        }

        @Override
        public long load(Iterator<E> events, LoadTarget target) {
            List<E> batch = new ArrayList<>(BATCH);
            while (events.hasNext()) {
                batch.add(events.next());
                if (batch.size() == BATCH) {
                    lanes.put(lane, new Item<>(batch, -1, null)); // waits while the lane is full: the back-pressure
                    batch = new ArrayList<>(BATCH);
                }
            }
            if (!batch.isEmpty()) {
                lanes.put(lane, new Item<>(batch, -1, null));
            }
            return 0;
        }
    }

    /** A loader: one load, one transaction, per chunk its reader hands over; then the chunk's rejections and checkpoint. */
    private long loadLane(Passes<E> passes, Loader<E> loader, int lane) {
        try {
            long mine = 0;
            for (Item<E> first = lanes.take(lane); first != null; first = lanes.take(lane)) {
                Chunk chunk = new Chunk(lane, first);
                MeasuredLoader<E> measured = passes.measured(loader, StageMeter.OFF,
                        () -> passes.atLastEventOf(chunk.end.chunk()).run()); // by then the chunk's end has come
                long written = measured.load(chunk, passes.target());
                passes.produced(measured);
                if (chunk.end == null) {
                    throw new IllegalStateException("the " + passes.loaderName() + " loader returned before its last event");
                }
                passes.keep(chunk.end.rejections());
                passes.committed(chunk.end.chunk(), written);
                mine += written;
            }
            return mine;
        } catch (RuntimeException | OutOfMemoryError e) {
            RuntimeException cause = e instanceof RuntimeException r ? r : new EtlException("a loader ran out of memory", e);
            lanes.fail(cause);
            throw cause;
        }
    }

    /** One chunk's events from a lane, up to its end, taken as the loader pulls them. */
    private final class Chunk implements Iterator<E> {
        private final int lane;
        private Iterator<E> batch = Collections.emptyIterator();
        private Item<E> end;

        Chunk(int lane, Item<E> first) {
            this.lane = lane;
            accept(first);
        }

        private void accept(Item<E> item) {
            if (item == null) {
                throw new IllegalStateException("a lane ended in the middle of a chunk");
            }
            if (item.endsChunk()) {
                end = item;
            } else {
                batch = item.events().iterator();
            }
        }

        @Override
        public boolean hasNext() {
            while (!batch.hasNext() && end == null) {
                accept(lanes.take(lane)); // once anyone failed this throws, inside the load: its transaction rolls back
            }
            return batch.hasNext();
        }

        @Override
        public E next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return batch.next();
        }
    }
}
