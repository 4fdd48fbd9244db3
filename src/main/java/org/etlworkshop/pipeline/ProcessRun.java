package org.etlworkshop.pipeline;

import com.zaxxer.hikari.HikariDataSource;
import org.etlworkshop.EtlException;
import org.etlworkshop.Progress;
import org.etlworkshop.db.Databases;
import org.etlworkshop.db.Pools;
import org.etlworkshop.db.LocalPostmaster;
import org.etlworkshop.db.PostgresServer;
import org.etlworkshop.db.ServerSettle;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;

/**
 * One {@code etl process}: a fresh copy of the scenario (prepared, not timed), then the pipeline run
 * on it (timed) with measurement wrapped around its extractor and loader. The run database stays
 * afterwards for inspection with {@code etl psql}.
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

    public boolean isBare() {
        return bare;
    }

    public PostgresServer server() {
        return server;
    }

    public RunResult execute(ProcessorConfig config) {
        return execute(config, Pipeline.of(config));
    }

    /** Runs {@code pipeline} (built from {@code config}, or a variant of it) on a fresh run database. */
    public RunResult execute(ProcessorConfig config, Pipeline<?> pipeline) {
        long start = System.nanoTime();
        String database = new Databases(server).createRunDatabase(scenario);
        SqlStatistics sql = new SqlStatistics();
        try (HikariDataSource pool = Pools.open(server.database(database), 4, config.jdbc())) {
            // Hibernate and the JDBC loaders share one counted view of the pool.
            DataSource dataSource = bare ? pool : new CountingDataSource(pool, sql, logSql);
            try (SessionFactory sessions = Orm.sessionFactory(dataSource, !bare)) {
                OptionalLong postmaster = postmasterOf(pool);
                ServerSettle.Settled settled = ServerSettle.settle(pool); // the copied template written out, autovacuum done
                onPrepared.accept(new Prepared(database, Duration.ofNanos(System.nanoTime() - start), settled));
                return measured(config, pipeline, new LoadTarget(sessions, dataSource, sql), postmaster);
            }
        }
    }

    private OptionalLong postmasterOf(DataSource pool) {
        try (Connection connection = pool.getConnection()) {
            return LocalPostmaster.of(connection, server.maintenance());
        } catch (SQLException e) {
            throw new EtlException("cannot connect to the run database: " + e.getMessage(), e);
        }
    }

    private <E> RunResult measured(ProcessorConfig config, Pipeline<E> pipeline, LoadTarget target, OptionalLong postmaster) {
        Statistics hibernate = target.sessionFactory().getStatistics();
        hibernate.clear();
        target.statistics().reset(); // forget Hibernate's start-up queries
        RetainedHeapProbe probe = new RetainedHeapProbe();
        InterferenceMeter others = InterferenceMeter.start(postmaster);
        long start = System.nanoTime();
        StageMeter meter = stages ? StageMeter.start() : StageMeter.OFF;
        MeasuredExtractor extractor = new MeasuredExtractor(pipeline.extractor(), meter);
        MeasuredLoader<E> loader = new MeasuredLoader<>(pipeline.loader(), meter, progress, retainedHeap ? probe : () -> { });
        Pipeline<E> measured = pipeline.wrapped(extractor, loader);
        List<Rejection> rejections = new ArrayList<>();
        long written;
        try {
            written = inReadTransaction(target, session -> measured.run(session, target, rejections::add));
        } catch (OutOfMemoryError e) {
            throw outOfMemory(config, loader.eventsProduced());
        }
        Optional<StageMeter.Stages> stageFigures = stages ? Optional.of(meter.finish()) : Optional.empty();
        SqlStatistics.Counts sql = target.statistics().snapshot(); // of extract and load; the rejections come next
        RejectionLog.record(target.dataSource(), rejections, pipeline.transformer().processedOn());
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start - probe.nanos());
        return new RunResult(scenario, config, pipeline.transformer().processedOn(), extractor.submissionsRead(),
                loader.eventsProduced(), written, List.copyOf(rejections), elapsed, sql, HibernateCounts.of(hibernate),
                probe.bytes(), stageFigures, others.stop());
    }

    /** The extractor reads in its own read-only session, inside a transaction so a server-side cursor stays open. */
    private static long inReadTransaction(LoadTarget target, ToLongFunction<Session> work) {
        try (Session session = target.sessionFactory().openSession()) {
            session.setDefaultReadOnly(true); // no snapshots of what we only read
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
