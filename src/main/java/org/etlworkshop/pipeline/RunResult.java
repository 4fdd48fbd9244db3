package org.etlworkshop.pipeline;

import org.etlworkshop.db.CitusFigures;
import org.etlworkshop.measure.HibernateCounts;
import org.etlworkshop.measure.Interference;
import org.etlworkshop.measure.SqlStatistics;
import org.etlworkshop.measure.StageMeter;
import org.etlworkshop.transform.Rejection;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What one run did and cost.
 *
 * @param elapsed           the measured run: extract, transform, load and commit (database preparation excluded)
 * @param retainedHeapAtEnd live heap after a full GC at the moment the last event was handed to the
 *                          loader (before its final flush and commit), when the run asked for it
 * @param interference      what other processes used of the machine meanwhile; empty where it cannot be read
 * @param publication       how a staged or incremental run was published; empty for a replace run
 * @param overlap           when reading and loading overlapped ({@link OverlappedStreams}): the hand-off between
 *                          them, and who waited for whom
 * @param distribution      on a Citus cluster ({@code --distributed}): the events the run loaded per worker node, and
 *                          the coordinator's traffic to the workers while it extracted and loaded
 */
public record RunResult(String scenario, ProcessorConfig processor, Instant processedOn, long submissionsRead,
                        long eventsProduced, long eventsWritten, List<Rejection> rejections, Duration elapsed,
                        SqlStatistics.Counts sql, HibernateCounts hibernate, OptionalLong retainedHeapAtEnd,
                        Optional<StageMeter.Stages> stages, Optional<Interference> interference,
                        Optional<Publication> publication, Optional<QueueFill> overlap, Optional<Distribution> distribution) {

    /**
     * @param chunks         the source's chunks (1 unless checkpointed or parallel)
     * @param chunksResumed  chunks an earlier, interrupted attempt had checkpointed
     * @param published      events that became visible: the stage's for a swap, the inserted ones for a merge
     * @param swap           a staged run's swap: how long it held its locks and how many tries it took
     * @param publishMillis  the publish step, part of the run's time: a staged run's count, indexes,
     *                       {@code ANALYZE} and swap; an incremental run's delete-and-insert
     * @param eventsPerWorker what each worker wrote
     * @param workerDesign   how several workers shared the work; empty for one
     * @param queue          the queue design's hand-over: how full it was, who waited for whom
     * @param changedAfter   an incremental run's watermark: it read what changed after it
     */
    public record Publication(Publish mode, long runId, int chunks, int chunksResumed, long published,
                              Optional<StageTables.Swap> swap, long publishMillis, List<Long> eventsPerWorker,
                              Optional<WorkerDesign> workerDesign, Optional<QueueFill> queue,
                              Optional<OffsetDateTime> changedAfter) {
    }

    /**
     * A bounded hand-over between those that read and those that load: the producer and the workers of
     * the queue design ({@link QueuedWorkers}), or the readers and loaders of overlapped streams
     * ({@link OverlappedStreams}).
     *
     * @param samples             {milliseconds since the run started, batches waiting in the queues}
     * @param producerWaitMillis  the producer (readers) waiting for room: the loaders were the bottleneck
     * @param workersWaitMillis   the workers (loaders) waiting for batches after their first, summed: the producer was
     */
    public record QueueFill(int capacityBatches, int batchEvents, List<long[]> samples, long producerWaitMillis,
                            long workersWaitMillis) {
    }

    /**
     * What a distributed run sent where.
     *
     * @param eventsPerNode the events the run loaded (its stage, or the live table it replaced) on each worker node
     * @param traffic       the coordinator's connections and statements to the workers while the run extracted and loaded
     */
    public record Distribution(List<CitusFigures.NodeShare> eventsPerNode, Optional<CitusFigures.Traffic> traffic) {
    }

    /** Submissions set aside whole (their answers could not be read). */
    public List<Rejection> rejectedSubmissions() {
        return rejections.stream().filter(Rejection::isWholeSubmission).toList();
    }

    /** Answers that did not fit their question's type; their submissions' other answers loaded. */
    public List<Rejection> rejectedAnswers() {
        return rejections.stream().filter(r -> !r.isWholeSubmission()).toList();
    }

    public double rowsPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds == 0 ? 0 : eventsWritten / seconds;
    }
}
