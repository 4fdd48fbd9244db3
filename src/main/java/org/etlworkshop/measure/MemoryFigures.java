package org.etlworkshop.measure;

import java.util.List;

/**
 * What {@link MemoryRecorder} saw during one run. Sizes in bytes, series as
 * {@code [millisSinceRunStart, bytes]} pairs.
 *
 * @param heapSamples    heap in use, sampled every {@code sampleIntervalMillis}
 * @param liveHeapAfterGc heap in use right after each GC: what the run retains
 * @param peakRssReset   whether the RSS peak was reset at the run's start (else it includes start-up)
 */
public record MemoryFigures(int sampleIntervalMillis, List<long[]> heapSamples, List<long[]> liveHeapAfterGc,
                            long peakHeapBytes, long peakLiveHeapBytes, long peakRssBytes, boolean peakRssReset,
                            long allocatedBytes, long gcCount, long gcPauseMillis, long retainedHeapAtEndBytes) {

    /** For a bare run ({@code --bare}): nothing was recorded, every figure is -1. */
    public static MemoryFigures notRecorded() {
        return new MemoryFigures(0, List.of(), List.of(), -1, -1, -1, false, -1, -1, -1, -1);
    }

    /** With the live heap after a full GC when the last event reached the loader ({@code --retained-heap}). */
    public MemoryFigures withRetainedHeapAtEnd(long bytes) {
        return new MemoryFigures(sampleIntervalMillis, heapSamples, liveHeapAfterGc, peakHeapBytes, peakLiveHeapBytes,
                peakRssBytes, peakRssReset, allocatedBytes, gcCount, gcPauseMillis, bytes);
    }

    /** The bounded-memory figure: the full-GC probe when it ran, else the peak after any GC (which counts floating garbage). */
    public long retainedBytes() {
        return retainedHeapAtEndBytes > 0 ? retainedHeapAtEndBytes : peakLiveHeapBytes;
    }
}
