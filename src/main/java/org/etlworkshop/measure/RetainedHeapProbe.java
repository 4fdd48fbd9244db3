package org.etlworkshop.measure;

import java.lang.management.ManagementFactory;
import java.util.OptionalLong;

/**
 * The live heap after a full GC at one moment of a run: what the run truly retains then. The
 * GC's own time is kept apart ({@link #nanos()}) so it can be left out of the run's elapsed time.
 */
public final class RetainedHeapProbe implements Runnable {
    private long bytes = -1;
    private long nanos;

    @Override
    public void run() {
        long start = System.nanoTime();
        for (int i = 0; i < 2; i++) {
            System.gc(); // a second pass collects what the first one's finalization freed
        }
        bytes = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        nanos = System.nanoTime() - start;
    }

    /** Empty when the probe never ran. */
    public OptionalLong bytes() {
        return bytes < 0 ? OptionalLong.empty() : OptionalLong.of(bytes);
    }

    public long nanos() {
        return nanos;
    }
}
