package org.etlworkshop.pipeline;

import java.lang.management.ManagementFactory;

/**
 * With {@code --debug-mem}: bytes allocated and time spent by the pipeline thread in each stage,
 * measured around every call to the extractor and the transformer; the load is the rest. The
 * coarse-grained version of the original workshop's line-by-line memory view. Off by default: it
 * reads the thread's allocation counter twice per submission.
 */
public class StageMeter {
    static final StageMeter OFF = new StageMeter() {
        @Override
        long mark() {
            return 0;
        }

        @Override
        long now() {
            return 0;
        }
    };

    /** Bytes and nanoseconds per stage. */
    public record Stages(long extractBytes, long transformBytes, long loadBytes, long extractNanos, long transformNanos,
                         long loadNanos) {
    }

    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long extractBytes, transformBytes, extractNanos, transformNanos;
    private long startBytes, startNanos;

    void start() {
        startBytes = mark();
        startNanos = now();
    }

    long mark() {
        return threads.getCurrentThreadAllocatedBytes();
    }

    long now() {
        return System.nanoTime();
    }

    Stages finish() {
        long totalBytes = mark() - startBytes, totalNanos = now() - startNanos;
        return new Stages(extractBytes, transformBytes, totalBytes - extractBytes - transformBytes,
                extractNanos, transformNanos, totalNanos - extractNanos - transformNanos);
    }
}
