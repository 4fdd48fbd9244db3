package org.etlworkshop.pipeline;

import com.zaxxer.hikari.HikariDataSource;
import org.etlworkshop.EtlException;
import org.etlworkshop.Progress;
import org.etlworkshop.UsageException;
import org.etlworkshop.concurrent.Futures;
import org.etlworkshop.concurrent.FirstFailure;
import org.etlworkshop.db.Databases;
import org.etlworkshop.db.LocalPostmaster;
import org.etlworkshop.db.Pools;
import org.etlworkshop.db.PostgresServer;
import org.etlworkshop.db.ServerSettle;
import org.etlworkshop.db.SingleValue;
import org.etlworkshop.load.LoadTarget;
import org.etlworkshop.load.RejectionLog;
import org.etlworkshop.measure.CountingDataSource;
import org.etlworkshop.measure.HibernateCounts;
import org.etlworkshop.measure.InterferenceMeter;
import org.etlworkshop.measure.RetainedHeapProbe;
import org.etlworkshop.measure.SqlStatistics;
import org.etlworkshop.measure.StageMeter;
import org.etlworkshop.model.Orm;
import org.etlworkshop.transform.Rejection;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.Transaction;
import org.hibernate.stat.Statistics;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;

/**
 * One {@code etl process}: the run database prepared (not timed), then the pipeline run on it
 * (timed) with measurement wrapped around its extractor and loader, and the result published the
 * chosen way ({@link Publish}). The run database stays afterwards for inspection with {@code etl psql}.
 *
 * <p>A replace run works on a fresh copy of the template and loads the live table in one pass. A
 * staged or incremental run works on the warehouse that lives between runs and loads its own stage
 * tables; with {@code --checkpoint-every} or {@code --workers} it does so in chunks of the source's
 * id space, each committed with a checkpoint, so a killed run can {@code --resume}, and several
 * workers can each take chunks. Only the publish step makes anything visible. Every run writes
 * {@code dwh.etl_runs}.
 */
public final class ProcessRun {
    /** What preparing the run database cost, reported apart from the measured run, and how the server settled. */
    public record Prepared(String database, Duration preparation, ServerSettle.Settled settled) {
    }

    private final PostgresServer server;
    private final String scenario;
    private boolean logSql;
    private boolean bare;
    private boolean retainedHeap;
    private boolean stages;
    private Progress progress = Progress.NONE;
    private Consumer<Prepared> onPrepared = prepared -> { };
    private Publish publish;
    private int checkpointEvery;
    private boolean resume;
    private long failAfter;
    private int workers = 1;
    private WorkerDesign design = WorkerDesign.DEFAULT;

    private ProcessRun(PostgresServer server, String scenario) {
        this.server = server;
        this.scenario = scenario;
    }

    public static ProcessRun on(PostgresServer server, String scenario) {
        return new ProcessRun(server, scenario);
    }

    /** Log every statement ({@code --debug-sql}). */
    public ProcessRun logSql(boolean value) {
        this.logSql = value;
        return this;
    }

    /** No statement counting and no Hibernate statistics, to measure what they cost ({@code --bare}). */
    public ProcessRun bare(boolean value) {
        this.bare = value;
        return this;
    }

    /** A full GC when the last event reaches the loader, its live heap recorded and its time left out. */
    public ProcessRun measureRetainedHeap(boolean value) {
        this.retainedHeap = value;
        return this;
    }

    /** Allocation and time per stage ({@code --debug-mem}); takes the retained-heap probe too. */
    public ProcessRun measureStages(boolean value) {
        this.stages = value;
        this.retainedHeap |= value;
        return this;
    }

    public ProcessRun progress(Progress value) {
        this.progress = value;
        return this;
    }

    /** Also call {@code listener} once the run database is ready, just before the measured run starts. */
    public ProcessRun onPrepared(Consumer<Prepared> listener) {
        this.onPrepared = onPrepared.andThen(listener);
        return this;
    }

    /** {@code --publish}; by default replace, or staged when checkpointing, resuming or running several workers. */
    public ProcessRun publish(Publish value) {
        this.publish = value;
        return this;
    }

    /** {@code --checkpoint-every N}: chunks of about N submissions, each committed to the stage with a checkpoint. */
    public ProcessRun checkpointEvery(int submissions) {
        this.checkpointEvery = submissions;
        return this;
    }

    /** {@code --resume}: continue this processor's last unfinished checkpointed run from its checkpoints. */
    public ProcessRun resume(boolean value) {
        this.resume = value;
        return this;
    }

    /** {@code --fail-after N}: an injected failure once N events have reached the loader, for tests and teaching. */
    public ProcessRun failAfter(long events) {
        this.failAfter = events;
        return this;
    }

    /** {@code --workers N}: N loading threads, each on its own connections, sharing the work as {@link #workerDesign} says. */
    public ProcessRun workers(int value) {
        this.workers = value;
        return this;
    }

    /** {@code --workers-design}: how the workers share the work. */
    public ProcessRun workerDesign(WorkerDesign value) {
        this.design = value;
        return this;
    }

    public boolean isBare() {
        return bare;
    }

    public PostgresServer server() {
        return server;
    }

    public RunResult execute(ProcessorConfig config) {
        return execute(config, Pipeline.of(config));
    }

    /** Runs {@code pipeline} (built from {@code config}, or a variant of it) and publishes its events. */
    public RunResult execute(ProcessorConfig config, Pipeline<?> pipeline) {
        Publish mode = publish != null ? publish : (checkpointEvery > 0 || resume || workers > 1) ? Publish.STAGED : Publish.REPLACE;
        if (mode == Publish.REPLACE && (checkpointEvery > 0 || resume || workers > 1)) {
            throw new UsageException("--checkpoint-every, --resume and --workers load a stage table: use --publish staged or incremental");
        }
        long start = System.nanoTime();
        Databases databases = new Databases(server);
        String database = mode.publisher().database(databases, scenario);
        SqlStatistics sql = new SqlStatistics();
        try (HikariDataSource pool = Pools.open(server.database(database), 2 * workers + 4, config.jdbc())) {
            RunPlan plan = plan(config, mode, pool);
            // Hibernate and the JDBC loaders share one counted view of the pool.
            DataSource dataSource = bare ? pool : new CountingDataSource(pool, sql, logSql);
            try (SessionFactory sessions = Orm.sessionFactory(dataSource, !bare,
                    plan.tables().isLive() ? null : plan.tables().eventsName())) {
                OptionalLong postmaster = postmasterOf(pool);
                ServerSettle.Settled settled = ServerSettle.settle(pool); // the copied template written out, autovacuum done
                onPrepared.accept(new Prepared(database, Duration.ofNanos(System.nanoTime() - start), settled));
                try {
                    return measured(config, pipeline, new LoadTarget(sessions, dataSource, sql, plan.tables()), postmaster, plan, pool);
                } catch (RuntimeException | OutOfMemoryError e) {
                    RunLog.failed(pool, plan.runId(), String.valueOf(e.getMessage()));
                    if (!plan.resumable() && !plan.tables().isLive()) {
                        plan.stage().dropQuietly(pool); // nothing to resume: leave no stage behind
                    }
                    if (e instanceof EtlException && !plan.tables().isLive()) {
                        throw new EtlException(e.getMessage() + "; " + whatWasKept(plan, pool, config), e);
                    }
                    throw e;
                }
            }
        }
    }

    /** For the failure's message: the live table is untouched, and what of the stage a --resume would use. */
    private static String whatWasKept(RunPlan plan, DataSource pool, ProcessorConfig config) {
        if (!plan.resumable()) {
            return "nothing was published: the live table is as it was";
        }
        int done = RunLog.checkpoints(pool, plan.runId()).size();
        return String.format("nothing was published (the live table is as it was); kept: %d of %d chunks (%,d events) "
                + "checkpointed in the stage, the chunks in progress rolled back; etl process ... %s --resume continues",
                done, plan.slices().size(), RunLog.checkpointedEvents(pool, plan.runId()), config.name());
    }

    private RunPlan plan(ProcessorConfig config, Publish mode, DataSource pool) {
        if (mode.publisher().loadsAStage()) {
            StageTables.dropLeftovers(pool);
        }
        if (resume) {
            RunLog.Unfinished left = RunLog.unfinished(pool, config.name()).orElseThrow(() -> new UsageException(
                    "nothing to resume: " + config.name() + " has no unfinished checkpointed run in " + Databases.runName(scenario)));
            RunLog.reopen(pool, left.id());
            StageTables stage = new StageTables(left.id());
            stage.create(pool);
            Set<Integer> done = RunLog.checkpoints(pool, left.id());
            List<SourceSlice> slices = SourceSlice.chunks(left.chunks());
            List<SourceSlice> redo = new ArrayList<>();
            for (int i = 0; i < slices.size(); i++) {
                if (!done.contains(i)) {
                    redo.add(slices.get(i));
                }
            }
            stage.forget(pool, redo); // what its last attempt left uncheckpointed
            return new RunPlan(left.id(), left.mode(), stage, slices, done,
                    left.mode().publisher().changedAfter(left::changedAfter), left.changedUntil(), true);
        }
        OffsetDateTime until = newestChange(pool);
        Optional<OffsetDateTime> after = mode.publisher().changedAfter(() -> RunLog.lastWatermark(pool));
        boolean chunked = checkpointEvery > 0 || workers > 1;
        int chunks = checkpointEvery > 0 ? (int) Math.min(65536, Math.max(1, (submissions(pool, after, until) + checkpointEvery - 1)
                / checkpointEvery)) : workers > 1 ? 4 * workers : 1;
        long runId = RunLog.start(pool, config.name(), mode, chunked ? chunks : 0, Optional.of(until));
        StageTables stage = mode.publisher().loadsAStage() ? new StageTables(runId) : null;
        if (stage != null) {
            stage.create(pool);
        }
        return new RunPlan(runId, mode, stage, chunked ? SourceSlice.chunks(chunks) : List.of(SourceSlice.EVERYTHING), Set.of(),
                after, until, chunked);
    }

    private OptionalLong postmasterOf(DataSource pool) {
        try (Connection connection = pool.getConnection()) {
            return LocalPostmaster.of(connection, server.maintenance());
        } catch (SQLException e) {
            throw new EtlException("cannot connect to the run database: " + e.getMessage(), e);
        }
    }

    private <E> RunResult measured(ProcessorConfig config, Pipeline<E> pipeline, LoadTarget target, OptionalLong postmaster,
                                   RunPlan plan, DataSource pool) {
        Statistics hibernate = target.sessionFactory().getStatistics();
        hibernate.clear();
        target.statistics().reset(); // forget Hibernate's start-up queries
        RetainedHeapProbe probe = new RetainedHeapProbe();
        InterferenceMeter others = InterferenceMeter.start(postmaster);
        long start = System.nanoTime();
        boolean onePass = plan.slices().size() - plan.done().size() <= 1 && workers == 1;
        StageMeter meter = stages && onePass ? StageMeter.start() : StageMeter.OFF;
        ConcurrentLinkedQueue<Integer> pending = new ConcurrentLinkedQueue<>();
        for (int i = 0; i < plan.slices().size(); i++) {
            if (!plan.done().contains(i)) {
                pending.add(i);
            }
        }
        int lastChunk = pending.isEmpty() ? -1 : Collections.max(pending);
        RunTotals totals = new RunTotals();
        AtomicLong failures = new AtomicLong(failAfter);
        Optional<RunResult.QueueFill> queue = Optional.empty();
        try {
            if (workers == 1) {
                totals.perWorker.add(passes(config, pipeline, target, plan, pool, pending, totals, meter,
                        retainedHeap ? probe : null, lastChunk, failures));
            } else if (design == WorkerDesign.QUEUE) {
                queue = Optional.of(new QueuedWorkers<>(config, pipeline, target, plan, pool, totals, failures, progress, workers)
                        .run(pending));
            } else {
                partitioned(config, pipeline, target, plan, pool, pending, totals, failures);
            }
        } catch (OutOfMemoryError e) {
            throw outOfMemory(config, totals.produced.get());
        }
        Optional<StageMeter.Stages> stageFigures = meter == StageMeter.OFF ? Optional.empty() : Optional.of(meter.finish());
        Optional<RunResult.Publication> publication = publish(plan, pool, totals, queue);
        SqlStatistics.Counts sql = target.statistics().snapshot(); // of extract and load; the bookkeeping below is not counted
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start - probe.nanos());
        return new RunResult(scenario, config, pipeline.transformer().processedOn(), totals.read.get(), totals.produced.get(),
                totals.written.get(), List.copyOf(totals.rejections), elapsed, sql, HibernateCounts.of(hibernate), probe.bytes(),
                stageFigures, others.stop(), publication);
    }

    /** This thread's share of the chunks, one pass of the pipeline each; returns the events it wrote. */
    private <E> long passes(ProcessorConfig config, Pipeline<E> pipeline, LoadTarget target, RunPlan plan, DataSource pool,
                            ConcurrentLinkedQueue<Integer> pending, RunTotals totals, StageMeter meter, RetainedHeapProbe probe,
                            int lastChunk, AtomicLong failures) {
        long mine = 0;
        for (Integer chunk = pending.poll(); chunk != null; chunk = pending.poll()) {
            SourceSlice slice = plan.slice(chunk);
            MeasuredExtractor extractor = new MeasuredExtractor(pipeline.extractor(), meter);
            Runnable atLastEvent = probe != null && chunk == lastChunk ? probe : () -> { };
            MeasuredLoader<E> loader = new MeasuredLoader<>(FailingLoader.after(pipeline.loader(), failures), meter, progress, atLastEvent);
            Pipeline<E> measured = pipeline.wrapped(extractor, loader);
            List<Rejection> rejections = new ArrayList<>();
            long written;
            try {
                written = inReadTransaction(target, slice, session -> measured.run(session, target, rejections::add));
            } finally {
                totals.read.addAndGet(extractor.submissionsRead());
                totals.produced.addAndGet(loader.eventsProduced());
            }
            // on the uncounted pool: statement counts are the extract's and the load's
            RejectionLog.record(pool, target.tables(), rejections, pipeline.transformer().processedOn());
            if (plan.resumable()) {
                RunLog.checkpoint(pool, plan.runId(), chunk, written);
            }
            totals.written.addAndGet(written);
            totals.rejections.addAll(rejections);
            mine += written;
        }
        return mine;
    }

    /**
     * {@code --workers N --workers-design partitions}: N threads take chunks of the source from one list, each with its own pipeline (its
     * own extractor cache and loader) but the run's one transformer, so every event carries the same
     * {@code processed_on}. A worker that fails stops the others after their current chunk; what
     * they checkpointed stays in the stage for {@code --resume}, and nothing is published.
     */
    private <E> void partitioned(ProcessorConfig config, Pipeline<E> pipeline, LoadTarget target, RunPlan plan, DataSource pool,
                              ConcurrentLinkedQueue<Integer> pending, RunTotals totals, AtomicLong failures) {
        ExecutorService threads = Executors.newFixedThreadPool(workers);
        List<Future<Long>> running = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            Pipeline<E> own = w == 0 ? pipeline : pipeline.forAnotherWorker(config);
            running.add(threads.submit(() -> passes(config, own, target, plan, pool, pending, totals, StageMeter.OFF, null, -1, failures)));
        }
        threads.shutdown();
        try {
            totals.perWorker.addAll(Futures.all(running, failure -> pending.clear())); // the others stop after their current chunk
        } catch (FirstFailure e) {
            throw e.unwrapped();
        }
    }

    /** The mode publishes; a run that loaded a stage reports how ({@link RunResult.Publication}). */
    private Optional<RunResult.Publication> publish(RunPlan plan, DataSource pool, RunTotals totals,
                                                    Optional<RunResult.QueueFill> queue) {
        long start = System.nanoTime();
        Optional<Publisher.Published> published = plan.mode().publisher().publish(plan, pool, totals);
        Optional<WorkerDesign> shared = workers > 1 ? Optional.of(design) : Optional.empty();
        return published.map(p -> new RunResult.Publication(plan.mode(), plan.runId(), plan.slices().size(), plan.done().size(),
                p.events(), p.swap(), millisSince(start), List.copyOf(totals.perWorker), shared, queue, plan.window()));
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    /** The newest {@code updated_at} of the source: the watermark this run will leave. */
    private static OffsetDateTime newestChange(DataSource pool) {
        try {
            return SingleValue.of(pool, "SELECT coalesce(max(updated_at), '-infinity') FROM app.submissions", OffsetDateTime.class);
        } catch (SQLException e) {
            throw new EtlException("cannot read the source: " + e.getMessage(), e);
        }
    }

    private static long submissions(DataSource pool, Optional<OffsetDateTime> after, OffsetDateTime until) {
        try {
            return SingleValue.longOf(pool, "SELECT count(*) FROM app.submissions WHERE " + RunPlan.changedCondition(after, until));
        } catch (SQLException e) {
            throw new EtlException("cannot read the source: " + e.getMessage(), e);
        }
    }

    /** The extractor reads in its own read-only session, inside a transaction so a server-side cursor stays open. */
    static long inReadTransaction(LoadTarget target, SourceSlice slice, ToLongFunction<Session> work) {
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

    private static EtlException outOfMemory(ProcessorConfig config, long events) {
        return new EtlException("the " + config.name() + " processor ran out of memory (max heap "
                + (Runtime.getRuntime().maxMemory() >> 20) + " MiB) after " + events + " events. Its loader ("
                + config.loader() + ") keeps every event until the end; use chunked, chunked-stateless or copy, whose "
                + "memory stays bounded, or give it more heap: ETL_JAVA_OPTS=-Xmx8g ./etl process ...");
    }
}
