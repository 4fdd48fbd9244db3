package org.etlworkshop.measure;

import com.sun.management.ThreadMXBean;

import java.lang.management.ManagementFactory;
import java.util.Iterator;
import java.util.function.Supplier;

/**
 * With {@code --debug-mem}: bytes allocated and time spent by the pipeline thread in each stage,
 * the coarse-grained version of the original workshop's line-by-line memory view. It wraps the
 * extractor's source ({@link #extracting}) and what the loader pulls ({@link #feeding}): time inside
 * the source is extract, the rest of the time inside the feed is transform, and everything else
 * is load. Off by default: it reads the thread's allocation counter four times per event.
 */
public final class StageMeter {
    /** Measures nothing and wraps nothing: the pipeline runs as if it were not there. */
    public static final StageMeter OFF = new StageMeter(false);

    /** Bytes and nanoseconds per stage. */
    public record Stages(long extractBytes, long transformBytes, long loadBytes, long extractNanos, long transformNanos,
                         long loadNanos) {
    }

    private final ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    private final boolean on;
    private long startBytes, startNanos;
    private long extractBytes, extractNanos, transformBytes, transformNanos;

    private StageMeter(boolean on) {
        this.on = on;
    }

    /** Starts measuring on the calling thread, which must be the one that runs the pipeline. */
    public static StageMeter start() {
        StageMeter meter = new StageMeter(true);
        meter.startBytes = meter.allocated();
        meter.startNanos = System.nanoTime();
        return meter;
    }

    /** A call that is extract work, e.g. the one that runs the extractor's query. */
    public <T> T extract(Supplier<T> call) {
        if (!on) {
            return call.get();
        }
        long bytes = allocated(), nanos = System.nanoTime();
        try {
            return call.get();
        } finally {
            extractBytes += allocated() - bytes;
            extractNanos += System.nanoTime() - nanos;
        }
    }

    /** The extractor's rows: time and allocation inside this iterator are the extract stage. */
    public <T> Iterator<T> extracting(Iterator<T> source) {
        return on ? new Timed<>(source, true) : source;
    }

    /** What the loader pulls: time inside it, less the extract time nested in it, is the transform stage. */
    public <T> Iterator<T> feeding(Iterator<T> events) {
        return on ? new Timed<>(events, false) : events;
    }

    public Stages finish() {
        long totalBytes = allocated() - startBytes, totalNanos = System.nanoTime() - startNanos;
        return new Stages(extractBytes, transformBytes, totalBytes - extractBytes - transformBytes,
                extractNanos, transformNanos, totalNanos - extractNanos - transformNanos);
    }

    private long allocated() {
        return threads.getCurrentThreadAllocatedBytes();
    }

    private final class Timed<T> implements Iterator<T> {
        private final Iterator<T> inner;
        private final boolean extract;

        Timed(Iterator<T> inner, boolean extract) {
            this.inner = inner;
            this.extract = extract;
        }

        @Override
        public boolean hasNext() {
            long bytes = allocated(), nanos = System.nanoTime(), nestedBytes = extractBytes, nestedNanos = extractNanos;
            boolean more = inner.hasNext();
            record(bytes, nanos, nestedBytes, nestedNanos);
            return more;
        }

        @Override
        public T next() {
            long bytes = allocated(), nanos = System.nanoTime(), nestedBytes = extractBytes, nestedNanos = extractNanos;
            T item = inner.next();
            record(bytes, nanos, nestedBytes, nestedNanos);
            return item;
        }

        private void record(long bytes, long nanos, long nestedBytes, long nestedNanos) {
            long spentBytes = allocated() - bytes, spentNanos = System.nanoTime() - nanos;
            if (extract) {
                extractBytes += spentBytes;
                extractNanos += spentNanos;
            } else {
                transformBytes += spentBytes - (extractBytes - nestedBytes);
                transformNanos += spentNanos - (extractNanos - nestedNanos);
            }
        }
    }
}
