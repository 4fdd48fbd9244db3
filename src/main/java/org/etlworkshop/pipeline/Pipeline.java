package org.etlworkshop.pipeline;

import org.etlworkshop.EtlException;
import org.etlworkshop.Progress;
import org.etlworkshop.extract.Extractor;
import org.etlworkshop.extract.SourceSubmission;
import org.etlworkshop.load.LoadTarget;
import org.etlworkshop.load.Loader;
import org.etlworkshop.profile.SqlStatistics;
import org.etlworkshop.transform.Rejection;
import org.etlworkshop.transform.Transformer;
import org.hibernate.Session;
import org.hibernate.Transaction;
import org.hibernate.stat.Statistics;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Extract, transform, load: one processor run against one database. The main path is three lines
 * in {@link #load}; the rest is measurement.
 */
public final class Pipeline {
    private final ProcessorConfig config;
    private final Loader<?> loader;
    private boolean measureRetainedHeap;
    private boolean measureStages;
    private UnaryOperator<Iterator<?>> eventsDecorator = UnaryOperator.identity();

    /** Resolves the loader now, so a bad name fails before any database work. */
    public Pipeline(ProcessorConfig config, List<String> knownLoaders) {
        this.config = config;
        this.loader = Loaders.create(config, knownLoaders);
    }

    public ProcessorConfig config() {
        return config;
    }

    /**
     * Force a full GC when the last event is handed over and record the live heap: what the run
     * truly retains. The GC's own time is left out of the run's elapsed time.
     */
    public Pipeline measuringRetainedHeap() {
        this.measureRetainedHeap = true;
        return this;
    }

    /** Measure allocation and time per stage (extract, transform, load); implies the retained-heap probe. */
    public Pipeline measuringStages() {
        this.measureStages = true;
        this.measureRetainedHeap = true;
        return this;
    }

    /** For tests: wrap the event stream, e.g. to make it fail half-way. */
    public Pipeline decoratingEvents(UnaryOperator<Iterator<?>> decorator) {
        this.eventsDecorator = decorator;
        return this;
    }

    public RunResult run(String scenario, LoadTarget target, Progress progress) {
        Extractor extractor = config.fetch().extractor(config.read(), config.fetchSize());
        Transformer transformer = new Transformer(Instant.now().truncatedTo(ChronoUnit.MICROS));
        Statistics hibernate = target.sessionFactory().getStatistics();
        hibernate.clear();
        target.statistics().reset();
        List<Rejection> rejections = new ArrayList<>();
        long[] retained = {-1}, probeNanos = {0};
        Runnable atEnd = measureRetainedHeap ? () -> {
            long probeStart = System.nanoTime();
            retained[0] = liveHeapAfterGc();
            probeNanos[0] = System.nanoTime() - probeStart;
        } : () -> { };

        StageMeter meter = measureStages ? new StageMeter() : StageMeter.OFF;
        long start = System.nanoTime();
        meter.start();
        EventStream<?>[] stream = new EventStream<?>[1];
        long written;
        try (Session session = target.sessionFactory().openSession()) {
            session.setDefaultReadOnly(true); // no snapshots of what we only read
            // The read side's transaction: pgjdbc keeps a server-side cursor open only inside one.
            Transaction read = session.beginTransaction();
            try {
                written = load(session, extractor, transformer, loader, target, rejections, progress, atEnd, meter, stream);
            } finally {
                read.rollback(); // nothing was written through this session
            }
        } catch (OutOfMemoryError e) {
            throw new EtlException("the " + config.name() + " processor ran out of memory (max heap "
                    + (Runtime.getRuntime().maxMemory() >> 20) + " MiB) after " + (stream[0] == null ? 0 : stream[0].events())
                    + " events. Its loader (" + config.loader() + ") keeps every event until the end; use chunked, "
                    + "chunked-stateless or copy, whose memory stays bounded, or give it more heap: "
                    + "ETL_JAVA_OPTS=-Xmx8g ./etl process ...");
        }
        StageMeter.Stages stages = measureStages ? meter.finish() : null;
        SqlStatistics.Counts sql = target.statistics().snapshot(); // of extract and load; rejections come next
        recordRejections(target, rejections, transformer.processedOn());
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start - probeNanos[0]);

        return new RunResult(scenario, config, transformer.processedOn(), stream[0].submissionsRead(), stream[0].events(),
                written, List.copyOf(rejections), elapsed, sql,
                new RunResult.HibernateCounts(hibernate.getEntityLoadCount(), hibernate.getEntityFetchCount(),
                        hibernate.getEntityInsertCount(), hibernate.getFlushCount(), hibernate.getTransactionCount()),
                retained[0] < 0 ? OptionalLong.empty() : OptionalLong.of(retained[0]), Optional.ofNullable(stages));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private <E> long load(Session session, Extractor extractor, Transformer transformer, Loader<E> loader,
                          LoadTarget target, List<Rejection> rejections, Progress progress, Runnable atEnd,
                          StageMeter meter, EventStream<?>[] stream) {
        long bytes = meter.mark(), nanos = meter.now();
        Stream<SourceSubmission> opened = extractor.extract(session); // runs the query: the first fetch is extract work
        meter.extractBytes += meter.mark() - bytes;
        meter.extractNanos += meter.now() - nanos;
        try (Stream<SourceSubmission> submissions = opened) {
            EventStream<E> events = new EventStream<>(submissions.iterator(), transformer, loader.eventFactory(),
                    rejections, progress, atEnd, meter);
            stream[0] = events;
            return loader.load((Iterator<E>) (Iterator) eventsDecorator.apply(events), target);
        }
    }

    /** The submissions set aside, with their reasons, in {@code dwh.rejected_submissions}. */
    private static void recordRejections(LoadTarget target, List<Rejection> rejections, Instant processedOn) {
        if (rejections.isEmpty()) {
            return;
        }
        try (Connection connection = target.dataSource().getConnection();
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO dwh.rejected_submissions (submission_id, processed_on, reason) VALUES (?, ?, ?)")) {
            for (Rejection rejection : rejections) {
                insert.setObject(1, rejection.submissionId());
                insert.setObject(2, processedOn.atOffset(java.time.ZoneOffset.UTC));
                insert.setString(3, rejection.reason());
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw new EtlException("could not record the rejected submissions: " + e.getMessage(), e);
        }
    }

    static long liveHeapAfterGc() {
        for (int i = 0; i < 2; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
