package org.etlworkshop.pipeline;

import com.zaxxer.hikari.HikariDataSource;
import org.etlworkshop.EtlException;
import org.etlworkshop.Progress;
import org.etlworkshop.db.CitusFigures;
import org.etlworkshop.db.Databases;
import org.etlworkshop.db.LocalPostmaster;
import org.etlworkshop.db.Pools;
import org.etlworkshop.db.PostgresServer;
import org.etlworkshop.db.ServerSettle;
import org.etlworkshop.load.LoadTarget;
import org.etlworkshop.measure.CountingDataSource;
import org.etlworkshop.measure.HibernateCounts;
import org.etlworkshop.measure.InterferenceMeter;
import org.etlworkshop.measure.RetainedHeapProbe;
import org.etlworkshop.measure.SqlStatistics;
import org.etlworkshop.measure.StageMeter;
import org.etlworkshop.model.Orm;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * One {@code etl process}, the frame around the pipeline: the run database prepared (not timed),
 * the run planned ({@link RunPlan}), the pipeline's passes over the source run by the chosen
 * {@link Workers} design (timed) with measurement wrapped around their extractors and loaders, and
 * the result published as the {@link Publish} mode says. The run database stays afterwards for
 * inspection with {@code etl psql}.
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
    private final RunOptions options;
    private Progress progress = Progress.NONE;
    private Consumer<Prepared> onPrepared = prepared -> { };

    private ProcessRun(PostgresServer server, String scenario, RunOptions options) {
        this.server = server;
        this.scenario = scenario;
        this.options = options;
    }

    /** The workshop's classic run: the default options. */
    public static ProcessRun on(PostgresServer server, String scenario) {
        return on(server, scenario, RunOptions.DEFAULTS);
    }

    public static ProcessRun on(PostgresServer server, String scenario, RunOptions options) {
        return new ProcessRun(server, scenario, options);
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

    public RunOptions options() {
        return options;
    }

    public PostgresServer server() {
        return server;
    }

    public RunResult execute(ProcessorConfig config) {
        return execute(config, Pipeline.of(config));
    }

    /** Runs {@code pipeline} (built from {@code config}, or a variant of it) and publishes its events. */
    public RunResult execute(ProcessorConfig config, Pipeline<?> pipeline) {
        long start = System.nanoTime();
        Placement placement = options.placementOn(server);
        String database = options.publish().publisher().database(new Databases(server), scenario);
        placement.prepare(database);
        SqlStatistics sql = new SqlStatistics();
        try (HikariDataSource pool = Pools.open(server.database(database), options.connections(), config.jdbc());
             RunOwner owner = new RunOwner(pool)) {
            RunPlan plan = RunPlan.make(options, placement, config.name(), scenario, pool, owner, pipeline.transformer().processedOn());
            Pipeline<?> stamped = pipeline.stampedAt(plan.processedOn()); // one run, one processed_on, however many attempts
            // Hibernate and the JDBC loaders share one counted view of the pool.
            DataSource dataSource = options.bare() ? pool : new CountingDataSource(pool, sql, options.logSql());
            try (SessionFactory sessions = Orm.sessionFactory(dataSource, !options.bare(),
                    plan.tables().isLive() ? null : plan.tables().eventsName())) {
                Servers servers = new Servers(postmasterOf(pool), placement.otherPostmasters(database), placement);
                ServerSettle.Settled settled = ServerSettle.settle(pool); // the copied template written out, autovacuum done
                onPrepared.accept(new Prepared(database, Duration.ofNanos(System.nanoTime() - start), settled));
                try {
                    return measured(config, stamped, new LoadTarget(sessions, dataSource, sql, plan.tables()), servers, plan, pool);
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

    private OptionalLong postmasterOf(DataSource pool) {
        try (Connection connection = pool.getConnection()) {
            return LocalPostmaster.of(connection, server.maintenance());
        } catch (SQLException e) {
            throw new EtlException("cannot connect to the run database: " + e.getMessage(), e);
        }
    }

    /** The servers the run loads into: the one it connects to, any others (a cluster's workers), and how the warehouse is placed. */
    private record Servers(OptionalLong postmaster, List<Long> otherPostmasters, Placement placement) {
    }

    /**
     * The passes, by the chosen design, and the publishing, timed; the statement counts (and on a cluster the coordinator's
     * traffic to the workers) are those of extract and load.
     */
    private <E> RunResult measured(ProcessorConfig config, Pipeline<E> pipeline, LoadTarget target, Servers servers,
                                   RunPlan plan, DataSource pool) {
        Statistics hibernate = target.sessionFactory().getStatistics();
        hibernate.clear();
        target.statistics().reset(); // forget Hibernate's start-up queries
        RetainedHeapProbe probe = new RetainedHeapProbe();
        InterferenceMeter others = InterferenceMeter.start(servers.postmaster(), servers.otherPostmasters());
        Optional<CitusFigures.Traffic> trafficBefore = servers.placement().traffic(pool);
        long start = System.nanoTime();
        StageMeter meter = options.measuresStages(plan.slices().size() - plan.done().size()) ? StageMeter.start() : StageMeter.OFF;
        Passes<E> passes = new Passes<>(config, pipeline, target, plan, pool, new Passes.Measures(meter,
                options.retainedHeap() ? probe : () -> { }, progress, options.failAfter()));
        RunTotals totals = passes.totals();
        Workers.Outcome loaded;
        try {
            loaded = options.<E>workersDesign().load(passes);
        } catch (OutOfMemoryError e) {
            throw outOfMemory(config, totals.produced.get());
        }
        Optional<StageMeter.Stages> stageFigures = meter == StageMeter.OFF ? Optional.empty() : Optional.of(meter.finish());
        long counting = System.nanoTime(); // what went to which node, read from the shards: not part of the run's time
        Optional<RunResult.Distribution> distribution = servers.placement().distribution(pool, plan.tables().events(), trafficBefore);
        counting = System.nanoTime() - counting;
        Optional<RunResult.Publication> publication = publish(plan, pool, totals, loaded);
        SqlStatistics.Counts sql = target.statistics().snapshot(); // of extract and load; the bookkeeping is not counted
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start - probe.nanos() - counting);
        return new RunResult(scenario, config, pipeline.transformer().processedOn(), totals.read.get(), totals.produced.get(),
                totals.written.get(), List.copyOf(totals.rejections), elapsed, sql, HibernateCounts.of(hibernate), probe.bytes(),
                stageFigures, others.stop(), publication, distribution);
    }

    /** The mode publishes; a run that loaded a stage reports how ({@link RunResult.Publication}). */
    private Optional<RunResult.Publication> publish(RunPlan plan, DataSource pool, RunTotals totals, Workers.Outcome loaded) {
        long start = System.nanoTime();
        return plan.mode().publisher().publish(plan, pool, totals).map(p -> new RunResult.Publication(plan.mode(), plan.runId(),
                plan.slices().size(), plan.done().size(), p.events(), p.swap(), (System.nanoTime() - start) / 1_000_000,
                loaded.eventsPerWorker(), options.sharedBy(), loaded.queue(), plan.window()));
    }

    private static EtlException outOfMemory(ProcessorConfig config, long events) {
        return new EtlException("the " + config.name() + " processor ran out of memory (max heap "
                + (Runtime.getRuntime().maxMemory() >> 20) + " MiB) after " + events + " events. Its loader ("
                + config.loader() + ") keeps every event until the end; use chunked, chunked-stateless or copy, whose "
                + "memory stays bounded, or give it more heap: ETL_JAVA_OPTS=-Xmx8g ./etl process ...");
    }
}
