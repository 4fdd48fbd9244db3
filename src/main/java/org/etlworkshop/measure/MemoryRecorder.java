package org.etlworkshop.measure;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.GcInfo;

import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import com.sun.management.ThreadMXBean;
import javax.management.ListenerNotFoundException;

/**
 * Records a run's memory without touching its hot path: a daemon thread samples the heap in use at a
 * fixed interval (the {@code mprof} curve), and GC notifications give the live heap after each
 * collection (what the run really retains: the honest curve). At the end it adds the process's peak
 * RSS, the bytes the run allocated (its own thread's and its {@link HelperThreads}'), and the GC
 * count and pause time.
 */
public final class MemoryRecorder {
    public static final int SAMPLE_INTERVAL_MILLIS = 50;
    /** G1's concurrent cycle runs beside the application; only the other collectors' time is pause. */
    private static final Set<String> CONCURRENT_COLLECTORS = Set.of("G1 Concurrent GC", "ZGC Cycles", "Shenandoah Cycles");

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final ThreadMXBean threads =
            (ThreadMXBean) ManagementFactory.getThreadMXBean();
    private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).map(p -> p.getName()).collect(Collectors.toSet());
    private final List<long[]> heapSamples = new ArrayList<>();
    private final List<long[]> liveAfterGc = new ArrayList<>();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "etl-memory-sampler");
        thread.setDaemon(true);
        return thread;
    });
    private final NotificationListener gcListener = this::onGc;
    private final long startNanos;
    private final long startUptimeMillis;
    private final long startAllocated;
    private final long startAllocatedByHelpers;
    private final long runThreadId;
    private final long startGcCount;
    private volatile long peakBeforeGc;
    private long gcPauseMillis;
    private final boolean rssPeakReset;

    private MemoryRecorder() {
        this.rssPeakReset = resetRssPeak();
        this.runThreadId = Thread.currentThread().getId();
        this.startAllocated = threads.getThreadAllocatedBytes(runThreadId);
        this.startAllocatedByHelpers = HelperThreads.allocated();
        this.startGcCount = gcCount();
        this.startUptimeMillis = ManagementFactory.getRuntimeMXBean().getUptime();
        this.startNanos = System.nanoTime();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener(gcListener, null, null);
        }
        sampler.scheduleAtFixedRate(this::sample, 0, SAMPLE_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Starts recording; call from the thread that will run the pipeline (its allocation is measured). */
    public static MemoryRecorder start() {
        return new MemoryRecorder();
    }

    private void sample() {
        try {
            long used = memory.getHeapMemoryUsage().getUsed();
            synchronized (heapSamples) {
                heapSamples.add(new long[]{elapsedMillis(), used});
            }
        } catch (OutOfMemoryError e) {
            // The run itself is out of memory and will report it; a missing sample says nothing more.
        }
    }

    private void onGc(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        GcInfo gc = info.getGcInfo();
        long before = heapUsed(gc.getMemoryUsageBeforeGc()), after = heapUsed(gc.getMemoryUsageAfterGc());
        synchronized (liveAfterGc) {
            peakBeforeGc = Math.max(peakBeforeGc, before);
            liveAfterGc.add(new long[]{Math.max(0, gc.getEndTime() - startUptimeMillis), after});
            if (!CONCURRENT_COLLECTORS.contains(info.getGcName())) {
                gcPauseMillis += gc.getDuration();
            }
        }
    }

    private long heapUsed(Map<String, MemoryUsage> pools) {
        return pools.entrySet().stream().filter(e -> heapPools.contains(e.getKey())).mapToLong(e -> e.getValue().getUsed()).sum();
    }

    /** Stops recording and returns what was seen. */
    public MemoryFigures stop() {
        long allocated = threads.getThreadAllocatedBytes(runThreadId) - startAllocated
                + HelperThreads.allocated() - startAllocatedByHelpers; // the workers, finished by now
        sampler.shutdownNow();
        sample();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            try {
                ((NotificationEmitter) gc).removeNotificationListener(gcListener);
            } catch (ListenerNotFoundException ignored) {
                // already gone
            }
        }
        List<long[]> samples, live;
        synchronized (heapSamples) {
            samples = List.copyOf(heapSamples);
        }
        synchronized (liveAfterGc) {
            live = List.copyOf(liveAfterGc);
        }
        long peakSample = samples.stream().mapToLong(s -> s[1]).max().orElse(0);
        long peakLive = live.stream().mapToLong(s -> s[1]).max().orElse(0);
        return new MemoryFigures(SAMPLE_INTERVAL_MILLIS, samples, live, Math.max(peakSample, peakBeforeGc), peakLive,
                peakRss(), rssPeakReset, allocated, gcCount() - startGcCount, gcPauseMillis, -1);
    }

    private long elapsedMillis() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private static long gcCount() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .filter(gc -> !CONCURRENT_COLLECTORS.contains(gc.getName()))
                .mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
    }

    /** Linux: writing 5 to clear_refs resets VmHWM, so the peak RSS read at the end is the run's. */
    private static boolean resetRssPeak() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
            return true;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    /** VmHWM, the process's peak resident set, in bytes; -1 where /proc is not available. */
    private static long peakRss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux
        }
        return -1;
    }
}
