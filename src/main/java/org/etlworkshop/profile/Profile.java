package org.etlworkshop.profile;

import java.util.List;
import java.util.Map;

/**
 * Everything one {@code etl process} run measured, as written to {@code profiles/*.json}. The format
 * is versioned ({@link #FORMAT}, {@link #VERSION}); {@code etl compare} and the reports read it back.
 * Times are in seconds, sizes in bytes, series as {@code [millisSinceRunStart, bytes]} pairs.
 */
public record Profile(String format, int version, String startedAt, Scenario scenario, Map<String, Object> processor,
                      Environment environment, Phases phases, Events events, double rowsPerSecond, Sql sql,
                      Hibernate hibernate, Memory memory, Stages stages) {
    public static final String FORMAT = "etl-workshop-profile";
    public static final int VERSION = 1;

    public record Scenario(String name, int forms, int users, int submissions, long estimatedEvents) {
    }

    /** {@code durabilitySettings}: the server settings of {@link org.etlworkshop.db.ServerFacts#LOAD_SETTINGS}, as read back. */
    public record Environment(String javaVersion, String javaVm, List<String> jvmArguments, long maxHeapBytes,
                              int cpus, String os, String postgresVersion, String server, boolean durable,
                              Map<String, String> durabilitySettings) {
    }

    /** {@code preparation} (copying the template, starting Hibernate) is not part of the measured {@code run}. */
    public record Phases(double preparationSeconds, double runSeconds) {
    }

    public record Events(long written, long produced, long submissionsRead, long rejectedSubmissions) {
    }

    public record Sql(long queries, long sequenceCalls, long inserts, long batches, long batchedRows, double rowsPerBatch,
                      long copies, long copiedRows, long roundTrips) {
    }

    public record Hibernate(long entityLoads, long lazyFetches, long entityInserts, long flushes, long transactions) {
    }

    /**
     * @param heapSamples    heap in use, sampled every {@code sampleIntervalMillis}
     * @param liveHeapAfterGc heap in use right after each GC: what the run retains
     * @param peakRssReset   whether the RSS peak was reset at the run's start (else it includes start-up)
     */
    public record Memory(int sampleIntervalMillis, List<long[]> heapSamples, List<long[]> liveHeapAfterGc,
                         long peakHeapBytes, long peakLiveHeapBytes, long peakRssBytes, boolean peakRssReset,
                         long allocatedBytes, long gcCount, long gcPauseMillis, long retainedHeapAtEndBytes) {

        /** For a bare run ({@code --bare}): nothing was recorded, every figure is -1. */
        public static Memory notRecorded() {
            return new Memory(0, List.of(), List.of(), -1, -1, -1, false, -1, -1, -1, -1);
        }

        /** With the live heap after a full GC when the last event reached the loader ({@code --retained-heap}). */
        public Memory withRetainedHeapAtEnd(long bytes) {
            return new Memory(sampleIntervalMillis, heapSamples, liveHeapAfterGc, peakHeapBytes, peakLiveHeapBytes,
                    peakRssBytes, peakRssReset, allocatedBytes, gcCount, gcPauseMillis, bytes);
        }

        /** The bounded-memory figure: the full-GC probe when it ran, else the peak after any GC (which counts floating garbage). */
        public long retainedBytes() {
            return retainedHeapAtEndBytes > 0 ? retainedHeapAtEndBytes : peakLiveHeapBytes;
        }
    }

    /** With {@code --debug-mem}: bytes allocated and seconds spent per stage; null otherwise. */
    public record Stages(long extractBytes, long transformBytes, long loadBytes, double extractSeconds,
                         double transformSeconds, double loadSeconds, long liveHeapAtLastEventBytes) {
    }

}
