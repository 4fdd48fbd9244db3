package org.etlworkshop.report;

import org.etlworkshop.db.CitusFigures;
import org.etlworkshop.measure.MemoryFigures;
import org.etlworkshop.measure.HibernateCounts;
import org.etlworkshop.measure.Interference;
import org.etlworkshop.measure.SqlStatistics;
import org.etlworkshop.pipeline.ProcessorConfig;

import java.util.List;
import java.util.Map;

/**
 * Everything one {@code etl process} run measured, as written to {@code profiles/*.json}. The format
 * is versioned ({@link #FORMAT}, {@link #VERSION}); {@code etl compare} and the reports read it back.
 * Times are in seconds, sizes in bytes, series as {@code [millisSinceRunStart, bytes]} pairs.
 */
public record Profile(String format, int version, String startedAt, Scenario scenario, Processor processor,
                      Environment environment, Phases phases, Events events, double rowsPerSecond, SqlStatistics.Counts sql,
                      HibernateCounts hibernate, MemoryFigures memory, Stages stages, Interference interference,
                      Settling settling, Publication publication, Distribution distribution) {
    public static final String FORMAT = "etl-workshop-profile";
    /**
     * 2 added {@code interference}, {@code settling} and {@code publication}; version 1 profiles read
     * back with them null. Within 2, {@code distribution} (a run on a Citus cluster) and the interference's
     * {@code workersCpuSeconds} came later: older files read back with them null and 0.
     */
    public static final int VERSION = 2;

    /** The processor's settings, as {@code etl list} shows them. */
    public record Processor(String name, String description, String read, String fetch, String loader, int chunkSize,
                            int fetchSize) {

        public static Processor of(ProcessorConfig config) {
            return new Processor(config.name(), config.description(), config.read().name().toLowerCase(),
                    config.fetch().name().toLowerCase(), config.loader(), config.chunkSize(), config.fetchSize());
        }
    }

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

    /** {@code rejectedAnswers} is absent (0) in profiles written before answers were type-checked. */
    public record Events(long written, long produced, long submissionsRead, long rejectedSubmissions,
                         long rejectedAnswers) {
    }

    /**
     * How the server was brought to rest before the run (part of the preparation): the seconds it
     * took, whether a CHECKPOINT ran, and whether autovacuum was idle when the run started.
     */
    public record Settling(double seconds, boolean checkpointed, boolean autovacuumIdle) {
    }

    /**
     * How the run was published ({@code etl process --publish}); null for a replace run.
     *
     * @param swapLockMillis how long a staged run's swap held its locks; -1 for an incremental merge
     * @param changedAfter   an incremental run's watermark (ISO-8601), null otherwise
     */
    /**
     * {@code workerDesign}: partitions or queue when several workers ran, else null; {@code queue}: the
     * queue design's hand-over, else null.
     */
    public record Publication(String mode, long runId, int chunks, int chunksResumed, long published, long swapLockMillis,
                              int swapAttempts, int swapAutovacuumsCancelled, long publishMillis, List<Long> eventsPerWorker, String workerDesign, Queue queue,
                              String changedAfter) {
    }

    /**
     * The queue design's bounded hand-over: {@code fill} is {milliseconds into the run, batches waiting}
     * sampled every 20 ms (less often in a long run); a producer that waited long had faster loaders than it could feed, and workers
     * that waited long (summed over workers) had a producer slower than they.
     */
    public record Queue(int capacityBatches, int batchEvents, List<long[]> fill, long producerWaitMillis,
                        long workersWaitMillis) {
    }

    /**
     * A run on a Citus cluster ({@code --distributed}); null on one server. {@code eventsPerNode}: the events the run
     * loaded on each worker node; the rest: the coordinator's traffic to the workers while the run extracted and
     * loaded (-1 where Citus did not count it).
     */
    public record Distribution(List<CitusFigures.NodeShare> eventsPerNode, long connectionsOpened, long connectionsReused,
                               long singleShardStatements, long multiShardStatements) {
    }

    /** Whether other processes used a significant share of the machine during the run; false where unknown. */
    public boolean disturbed() {
        return interference != null && interference.disturbed();
    }

    /** With {@code --debug-mem}: bytes allocated and seconds spent per stage; null otherwise. */
    public record Stages(long extractBytes, long transformBytes, long loadBytes, double extractSeconds,
                         double transformSeconds, double loadSeconds, long liveHeapAtLastEventBytes) {
    }

}
