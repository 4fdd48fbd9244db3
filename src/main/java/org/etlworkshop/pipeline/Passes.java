package org.etlworkshop.pipeline;

import org.etlworkshop.Progress;
import org.etlworkshop.load.LoadTarget;
import org.etlworkshop.load.Loader;
import org.etlworkshop.load.RejectionLog;
import org.etlworkshop.measure.StageMeter;
import org.etlworkshop.transform.Rejection;
import org.hibernate.Session;
import org.hibernate.Transaction;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;

/**
 * The passes of a run's pipeline over the chunks of its source, as {@link ProcessRun} prepared them,
 * for a {@link Workers} design to share out: each pass reads its chunk in a read transaction of its
 * own through the measuring decorators, loads it in the loader's transaction, keeps its rejections and
 * checkpoints it. The chunks still to do are one list every worker takes from.
 *
 * @param <E> the event shape the run's loader consumes
 */
final class Passes<E> {
    /**
     * What a pass is measured with, besides its counts.
     *
     * @param meter       allocation and time per stage, on the one thread that asks for it
     * @param atLastEvent run on that thread when the run's last event reaches the loader (the retained-heap probe)
     * @param failAfter   {@code --fail-after}: the loaders fail once this many events reached them (0: never)
     */
    record Measures(StageMeter meter, Runnable atLastEvent, Progress progress, long failAfter) {
    }

    private final ProcessorConfig config;
    private final Pipeline<E> pipeline;
    private final LoadTarget target;
    private final RunPlan plan;
    private final DataSource pool;
    private final Measures measures;
    private final RunTotals totals = new RunTotals();
    private final AtomicLong failures;
    private final Queue<Integer> pending = new ConcurrentLinkedQueue<>();
    private final int lastChunk;

    /** @param pool the run database's pool, uncounted: the bookkeeping of a pass is not the extract's or the load's */
    Passes(ProcessorConfig config, Pipeline<E> pipeline, LoadTarget target, RunPlan plan, DataSource pool, Measures measures) {
        this.config = config;
        this.pipeline = pipeline;
        this.target = target;
        this.plan = plan;
        this.pool = pool;
        this.measures = measures;
        this.failures = new AtomicLong(measures.failAfter());
        for (int i = 0; i < plan.slices().size(); i++) {
            if (!plan.done().contains(i)) {
                pending.add(i);
            }
        }
        this.lastChunk = pending.isEmpty() ? -1 : Collections.max(pending);
    }

    /** The run's own pipeline. */
    Pipeline<E> pipeline() {
        return pipeline;
    }

    /** Another worker's: its own extractor and loader, the run's transformer ({@link Pipeline#forAnotherWorker}). */
    Pipeline<E> forAnotherWorker() {
        return pipeline.forAnotherWorker(config);
    }

    String loaderName() {
        return config.loader();
    }

    RunTotals totals() {
        return totals;
    }

    /** The next chunk still to do, or null. */
    Integer next() {
        return pending.poll();
    }

    /** No more chunks are handed out: every worker stops after its current one. */
    void stop() {
        pending.clear();
    }

    /**
     * This thread's share of the chunks, one whole pass each, until none is left; returns the events it wrote.
     *
     * @param measuredThread this thread is the one the stage meter and the retained-heap probe measure
     */
    long drain(Pipeline<E> own, boolean measuredThread) {
        long mine = 0;
        for (Integer chunk = next(); chunk != null; chunk = next()) {
            mine += pass(own, chunk, measuredThread);
        }
        return mine;
    }

    private long pass(Pipeline<E> own, int chunk, boolean measuredThread) {
        StageMeter meter = measuredThread ? measures.meter() : StageMeter.OFF;
        MeasuredLoader<E> loader = measured(own.loader(), meter,
                measuredThread && chunk == lastChunk ? measures.atLastEvent() : () -> { });
        List<Rejection> rejections = new ArrayList<>();
        long written;
        try {
            written = read(chunk, own.wrapped(own.extractor(), loader), meter, rejections);
        } finally {
            totals.produced.addAndGet(loader.eventsProduced());
        }
        keep(rejections);
        committed(chunk, written);
        return written;
    }

    /**
     * Chunk {@code chunk} through {@code own} (its extractor counted) in a read transaction of its own;
     * returns what the loader returned, the chunk's rejections in {@code rejections}.
     */
    long read(int chunk, Pipeline<E> own, StageMeter meter, List<Rejection> rejections) {
        MeasuredExtractor extractor = new MeasuredExtractor(own.extractor(), meter);
        Pipeline<E> measured = own.wrapped(extractor, own.loader());
        try {
            return inReadTransaction(plan.slice(chunk), session -> measured.run(session, target, rejections::add));
        } finally {
            totals.read.addAndGet(extractor.submissionsRead());
        }
    }

    /** A loader counted, shown as progress and failing after {@code --fail-after}; its events are added to the run's by {@link #produced}. */
    MeasuredLoader<E> measured(Loader<E> loader, StageMeter meter, Runnable atLastEvent) {
        return new MeasuredLoader<>(FailingLoader.after(loader, failures), meter, measures.progress(), atLastEvent);
    }

    /** For a design whose loader learns its chunk at the end: the retained-heap probe, when {@code chunk} is the run's last. */
    Runnable atLastEventOf(int chunk) {
        return chunk == lastChunk ? measures.atLastEvent() : () -> { };
    }

    void produced(MeasuredLoader<E> loader) {
        totals.produced.addAndGet(loader.eventsProduced());
    }

    LoadTarget target() {
        return target;
    }

    /** A chunk's rejections, once it has loaded, into the run's tables and counts. */
    void keep(List<Rejection> rejections) {
        RejectionLog.record(pool, target.tables(), rejections, pipeline.transformer().processedOn());
        totals.rejections.addAll(rejections);
    }

    /** Chunk {@code chunk} is committed, all {@code written} events of it: checkpointed when the run can resume. */
    void committed(int chunk, long written) {
        if (plan.resumable()) {
            RunLog.checkpoint(pool, plan.runId(), chunk, written);
        }
        totals.written.addAndGet(written);
    }

    /** The extractor reads in its own read-only session, inside a transaction so a server-side cursor stays open. */
    private long inReadTransaction(SourceSlice slice, ToLongFunction<Session> work) {
        try (Session session = target.sessionFactory().openSession()) {
            session.setDefaultReadOnly(true); // no snapshots of what we only read
            slice.applyTo(session);
            Transaction read = session.beginTransaction();
            try {
                return work.applyAsLong(session);
            } finally {
                read.rollback(); // nothing was written through this session
            }
        }
    }
}
