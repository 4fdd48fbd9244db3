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
                      Settling settling, Publication publication, Queue overlap, Startup startup, Distribution distribution) {
    public static final String FORMAT = "etl-workshop-profile";
    /**
     * 2 added {@code interference}, {@code settling} and {@code publication}; 3 added {@code overlap} and
     * {@code startup}. Older profiles read back with the parts they lack null. {@code distribution} (a run on
     * a Citus cluster) and the interference's {@code workersCpuSeconds} came within 2: older files read back
     * with them null and 0.
     */
    public static final int VERSION = 3;

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
     * A bounded hand-over, the queue design's ({@code publication.queue}) or that of overlapped reading and
     * loading ({@code overlap}): {@code fill} is {milliseconds into the run, batches waiting}
     * sampled every 20 ms (less often in a long run); a producer (reader) that waited long had faster loaders than
     * it could feed, and workers (loaders) that waited long (summed) had a producer slower than they.
     */
    public record Queue(int capacityBatches, int batchEvents, List<long[]> fill, long producerWaitMillis,
                        long workersWaitMillis) {
    }

    /**
     * What the command spent before its measured run, in seconds: the JVM until {@code main}, starting
     * (or finding) the server, checking or generating the scenario, copying the template into the run
     * database, building Hibernate's session factory, and settling the server. Some overlap in time
     * (Hibernate is built while the template is copied), so they need not add up to {@code total}, the
     * wall time from the JVM's start to the measured run's.
     */
    public record Startup(double jvm, double server, double scenario, double templateCopy, double hibernate, double settle,
                          double total) {
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
