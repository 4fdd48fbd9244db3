package org.etlworkshop.measure;

import com.sun.management.ThreadMXBean;

import java.lang.management.ManagementFactory;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the threads a run starts besides its own allocate: a worker design's loaders and readers
 * run their work through {@link #counted}, so the run's "allocated" figure ({@link MemoryRecorder})
 * is the whole run's, however many threads shared it. Java 17 can count one thread's allocation,
 * not the process's.
 */
public final class HelperThreads {
    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final LongAdder ALLOCATED = new LongAdder();

    private HelperThreads() {
    }

    /** {@code work}, with what the thread that calls it allocates meanwhile added to {@link #allocated}. */
    public static <T> Callable<T> counted(Callable<T> work) {
        return () -> {
            long start = THREADS.getCurrentThreadAllocatedBytes();
            try {
                return work.call();
            } finally {
                ALLOCATED.add(THREADS.getCurrentThreadAllocatedBytes() - start);
            }
        };
    }

    /** Bytes allocated so far by counted work that has finished. */
    public static long allocated() {
        return ALLOCATED.sum();
    }
}
