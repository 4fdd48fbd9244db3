package org.etlworkshop.concurrent;

import org.etlworkshop.EtlException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

/**
 * One producer hands items to N consumers through N bounded queues, one lane per consumer (or N
 * producers, one per lane, each ending its own lane: {@link #end(int)}), the
 * way a producer that is faster than its consumers must: when a lane is full the producer
 * <em>waits</em> for room (back-pressure), so memory holds at most {@code capacity} items per lane
 * however fast it goes. {@link #end()} puts an end marker in every lane, after which a consumer's
 * {@link #take} returns null.
 *
 * <p>The first failure stops everyone: a thread that fails calls {@link #fail}, and from then on
 * every {@code put} and {@code take}, waiting or not, throws a {@link FirstFailure} carrying it
 * (waits look every {@value #LOOK_MILLIS} ms). Unlike {@link java.io.PipedInputStream}, a producer
 * that fails never looks like a normal end of data.
 *
 * <p>For the profile it measures how long the producer waited for room (the consumers were the
 * bottleneck), how long the consumers waited for items after their first (the producer was), and,
 * when asked, how full the lanes were over time.
 *
 * @param <T> what is handed over: a batch of rows or events, a chunk of bytes
 */
public final class BoundedHandoff<T> implements AutoCloseable {
    private static final Object END = new Object();
    private static final long LOOK_MILLIS = 50;

    private final List<BlockingQueue<Object>> lanes = new ArrayList<>();
    private final boolean[] started; // lane i's consumer has had its first item: its waits count from then on
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final LongAdder producerWaitNanos = new LongAdder();
    private final LongAdder consumersWaitNanos = new LongAdder();
    private final List<long[]> samples = new ArrayList<>();
    private ScheduledExecutorService sampler;

    public BoundedHandoff(int lanes, int capacity) {
        for (int i = 0; i < lanes; i++) {
            this.lanes.add(new ArrayBlockingQueue<>(capacity));
        }
        this.started = new boolean[lanes];
    }

    public int lanes() {
        return lanes.size();
    }

    /** What waits in the lane now, end marker included: to hand the next item to the least busy consumer. */
    public int waiting(int lane) {
        return lanes.get(lane).size();
    }

    /** Into {@code lane}, waiting while it is full; throws {@link FirstFailure} once anyone has failed. */
    public void put(int lane, T item) {
        offer(lanes.get(lane), item);
    }

    /** The end marker into every lane (waiting for room as {@link #put} does): each consumer's last {@link #take}. */
    public void end() {
        for (BlockingQueue<Object> lane : lanes) {
            offer(lane, END);
        }
    }

    /** The end marker into one lane: where each lane has a producer of its own, that producer's end. */
    public void end(int lane) {
        offer(lanes.get(lane), END);
    }

    /** The next item of {@code lane}, waiting for one; null at the end marker; throws {@link FirstFailure} once anyone has failed. */
    @SuppressWarnings("unchecked") // only put() adds to the lanes, with a T, besides END
    public T take(int lane) {
        BlockingQueue<Object> queue = lanes.get(lane);
        long start = System.nanoTime();
        try {
            Object entry;
            throwIfFailed();
            while ((entry = queue.poll(LOOK_MILLIS, TimeUnit.MILLISECONDS)) == null) {
                throwIfFailed();
            }
            return entry == END ? null : (T) entry;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EtlException("interrupted while waiting for the producer");
        } finally {
            if (started[lane]) { // not the wait for the lane's first item: the producer's first query and a cold JVM
                consumersWaitNanos.add(System.nanoTime() - start);
            }
            started[lane] = true;
        }
    }

    private void offer(BlockingQueue<Object> lane, Object entry) {
        long start = System.nanoTime();
        try {
            throwIfFailed();
            while (!lane.offer(entry, LOOK_MILLIS, TimeUnit.MILLISECONDS)) { // this wait is the back-pressure
                throwIfFailed();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EtlException("interrupted while waiting for the consumers");
        } finally {
            producerWaitNanos.add(System.nanoTime() - start);
        }
    }

    /**
     * The first failure is kept and stops everyone within {@value #LOOK_MILLIS} ms: every waiting or
     * later {@code put} and {@code take} throws. What a {@code put} handed over before stays handed
     * over (its consumer may have taken it already); the lanes are not emptied, so a producer waiting
     * for room keeps waiting until it sees the failure, instead of slipping one more item in.
     */
    public void fail(Throwable cause) {
        failure.compareAndSet(null, cause);
    }

    /** The first failure, or null. */
    public Throwable failure() {
        return failure.get();
    }

    public void throwIfFailed() {
        Throwable first = failure.get();
        if (first != null) {
            throw new FirstFailure(first);
        }
    }

    public long producerWaitMillis() {
        return producerWaitNanos.sum() / 1_000_000;
    }

    /** Summed over the consumers, each from its first item on. */
    public long consumersWaitMillis() {
        return consumersWaitNanos.sum() / 1_000_000;
    }

    /**
     * From now on, every {@code everyMillis} ms, records {milliseconds since now, items waiting in all
     * lanes that {@code counted} accepts}. A long run keeps every other sample and samples half as
     * often, so there are at most {@code max}. Stopped by {@link #close}.
     */
    @SuppressWarnings("unchecked")
    public void sampleFill(long everyMillis, int max, Predicate<T> counted) {
        long start = System.nanoTime();
        long[] ticks = {0, 1}; // the sampler's alone: ticks so far, ticks per sample
        sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(() -> {
            if (ticks[0]++ % ticks[1] != 0) {
                return;
            }
            long items = 0;
            for (BlockingQueue<Object> lane : lanes) {
                items += lane.stream().filter(entry -> entry != END && counted.test((T) entry)).count();
            }
            synchronized (samples) {
                if (samples.size() == max) {
                    List<long[]> kept = new ArrayList<>();
                    for (int i = 0; i < samples.size(); i += 2) {
                        kept.add(samples.get(i));
                    }
                    samples.clear();
                    samples.addAll(kept);
                    ticks[1] *= 2;
                }
                samples.add(new long[] {(System.nanoTime() - start) / 1_000_000, items});
            }
        }, 0, everyMillis, TimeUnit.MILLISECONDS);
    }

    public List<long[]> fillSamples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    @Override
    public void close() {
        if (sampler != null) {
            sampler.shutdownNow();
        }
    }
}
