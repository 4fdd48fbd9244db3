package org.etlworkshop.report;

import org.etlworkshop.measure.HibernateCounts;
import org.etlworkshop.measure.MemoryFigures;
import org.etlworkshop.measure.SqlStatistics;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * What to conclude from one run: its bottleneck named, with the figures of its profile that show it.
 * Every rule reads the measured figures (statement counts, commits, Hibernate's counts, memory, the
 * queue's waits); none looks at the processor's name. The rules are checked in the order below and
 * the first that holds is the verdict; the others that hold follow it as further findings.
 *
 * @param verdict  the bottleneck, e.g. "a commit per row"
 * @param findings one sentence per finding, the verdict's evidence first
 */
public record Bottleneck(String verdict, List<String> findings) {
    private static final double MIB = 1048576.0;
    /** Below this many events every per-row cost is too small to call a bottleneck. */
    static final long MIN_EVENTS = 100;
    /** "About one per event": a count at least 90% of the events written. */
    static final double PER_EVENT = 0.9;
    /** N+1 is the bottleneck when the lazy fetches are at least 10% of all the statements the run sent. */
    static final double LAZY_SHARE = 0.10;
    /**
     * A session that flushed fewer than 4 times held at least a quarter of its entities at once; it is a growing
     * persistence context when that is 5,000 entities or more (5 chunks of the default 1,000): below that, a chunked
     * loader whose chunk never filled looks the same.
     */
    static final long FEW_FLUSHES = 4;
    static final long HELD_ENTITIES = 5_000;
    /** Memory grew with the run when what it retains at the end is 32 MiB above its lowest live heap. */
    static final long GROWTH_BYTES = 32L << 20;
    /** A side of the queue was waited on when its wait is at least 10% of the run's time. */
    static final double WAIT_SHARE = 0.10;

    public static Bottleneck of(Profile profile) {
        return of(profile, null, OptionalDouble.empty());
    }

    /**
     * @param ceiling       the name of the ceiling the run is judged against, null when none was measured
     * @param shareOfCeiling the run's rows per second as a fraction of that ceiling's
     */
    public static Bottleneck of(Profile profile, String ceiling, OptionalDouble shareOfCeiling) {
        List<Finding> found = new ArrayList<>();
        SqlStatistics.Counts sql = profile.sql();
        HibernateCounts orm = profile.hibernate();
        long events = profile.events().written();
        boolean perRow = events >= MIN_EVENTS;

        // A commit per row: commits at least 90% of the rows (a statement in autocommit commits on its own).
        if (sql != null && perRow && sql.commits() >= PER_EVENT * events) {
            found.add(new Finding("a commit per row", String.format("%,d commits for %,d events: every row is its own "
                    + "transaction, ", sql.commits(), events) + (profile.environment().durable()
                    ? "and on this durable server each commit waits for the WAL to reach the disk"
                    : "cheap here only because the server is fast (fsync off): with --durable each would wait for the disk")));
        }
        // N+1: the lazy fetches (one query per user or form touched) are a tenth or more of all statements.
        if (orm != null && sql != null && orm.lazyFetches() > 0) {
            String evidence = String.format("%,d queries for %,d submissions read, %,d of them lazy fetches of one user or form "
                    + "each (%.0f%% of the %,d statements sent)", sql.queries(), profile.events().submissionsRead(),
                    orm.lazyFetches(), 100.0 * orm.lazyFetches() / Math.max(1, sql.roundTrips()), sql.roundTrips());
            found.add(new Finding(orm.lazyFetches() >= LAZY_SHARE * sql.roundTrips() ? "N+1 queries" : null,
                    "N+1: " + evidence + ": a join in the extract's query reads them once"));
        }
        // A growing persistence context: a session that flushed its entities only a few times held them all.
        if (orm != null && orm.entityInserts() >= MIN_EVENTS && orm.flushes() > 0 && orm.flushes() < FEW_FLUSHES
                && orm.entityInserts() / orm.flushes() >= HELD_ENTITIES) {
            found.add(new Finding("a growing persistence context", String.format("the session flushed %,d times for %,d "
                    + "entities: it held every one until the end, so memory grows with the events%s", orm.flushes(),
                    orm.entityInserts(), memoryClause(profile.memory()))));
        }
        // Memory that grew with the run, whatever held it (a session, a listed read).
        long growth = growth(profile.memory());
        if (growth >= GROWTH_BYTES) {
            found.add(new Finding("memory that grows with the events", String.format("the live heap grew by %,.0f MiB over "
                    + "the run%s", growth / MIB, memoryClause(profile.memory()))));
        }
        // Batching off: INSERTs sent one at a time for about every event.
        if (sql != null && perRow && sql.inserts() >= PER_EVENT * events) {
            found.add(new Finding("JDBC batching off", String.format("%,d INSERTs sent one at a time for %,d events, "
                    + "%,d JDBC batches: %s", sql.inserts(), events, sql.batches(), whyUnbatched(sql, orm))));
        }
        queueFinding(profile).ifPresent(found::add);
        // Index upkeep: a COPY of the events with no schema statement around it kept the indexes in place.
        if (sql != null && sql.copies() > 0 && sql.copiedRows() >= PER_EVENT * events) {
            found.add(sql.other() == 0
                    ? new Finding("index upkeep", String.format("one COPY of %,d rows and no schema statement around it: "
                    + "the table's secondary indexes were updated row by row; dropping them and building them once after "
                    + "the load (copy-binary-indexes-after) saves that", sql.copiedRows()))
                    : new Finding(null, String.format("%,d schema statements around one COPY of %,d rows: the secondary "
                    + "indexes were dropped and built once after the load", sql.other(), sql.copiedRows())));
        }
        return verdict(found, ceiling, shareOfCeiling);
    }

    private static final String NONE = "no single bottleneck";

    private static Bottleneck verdict(List<Finding> found, String ceiling, OptionalDouble share) {
        Finding first = found.stream().filter(f -> f.verdict() != null).findFirst().orElse(null);
        List<String> lines = new ArrayList<>();
        if (first != null) {
            lines.add(first.evidence());
        }
        found.stream().filter(f -> f != first).map(Finding::evidence).forEach(lines::add);
        if (ceiling != null && share.isPresent()) { // without a bottleneck, how close to the ceiling is the first thing to say
            lines.add(first != null ? lines.size() : 0, String.format("at %.0f%% of its ceiling (%s)", 100 * share.getAsDouble(), ceiling));
        }
        return new Bottleneck(first != null ? first.verdict() : NONE, List.copyOf(lines));
    }

    /** Why INSERTs went one at a time, read from the figures beside them. */
    private static String whyUnbatched(SqlStatistics.Counts sql, HibernateCounts orm) {
        if (orm == null || orm.entityInserts() == 0) {
            return "plain JDBC, one executeUpdate per row";
        }
        if (sql.sequenceCalls() == 0) {
            return "no sequence call, so the database assigns the ids (IDENTITY) and Hibernate sends each INSERT as it "
                    + "persists to read the id back, which disables JDBC batching whatever the batch size";
        }
        if (orm.flushes() >= PER_EVENT * orm.entityInserts()) {
            return String.format("%,d flushes, one per entity, each sending its INSERT at once", orm.flushes());
        }
        return "Hibernate sent them unbatched (no JDBC batch size)";
    }

    /**
     * Who waited in a hand-over, the queue design's (producer and workers) or an overlapped stream's
     * (reader and loader): the side that waited had the faster partner.
     */
    private static java.util.Optional<Finding> queueFinding(Profile profile) {
        Profile.Queue queue = profile.publication() == null ? null : profile.publication().queue();
        boolean overlap = queue == null && profile.overlap() != null;
        if (overlap) {
            queue = profile.overlap();
        }
        if (queue == null) {
            return java.util.Optional.empty();
        }
        String reader = overlap ? "the reader" : "the producer", loaders = overlap ? "the loader" : "the workers";
        long runMillis = Math.round(profile.phases().runSeconds() * 1000);
        long producer = queue.producerWaitMillis(), workers = queue.workersWaitMillis();
        String figures = String.format("%s waited %,d ms for room, %s %,d ms%s for batches, in a run of %,d ms", reader, producer,
                loaders, workers, overlap ? "" : " (summed)", runMillis);
        if (workers >= producer && workers >= WAIT_SHARE * runMillis) {
            return java.util.Optional.of(new Finding("producer-bound", figures + ": the extract and transform fed "
                    + (overlap ? "the loader" : "the loaders") + " slower than " + (overlap ? "it loads" : "they load")));
        }
        if (producer > workers && producer >= WAIT_SHARE * runMillis) {
            return java.util.Optional.of(new Finding("loader-bound", figures + ": " + (overlap ? "the loader" : "the loaders")
                    + " took batches slower than they were made"));
        }
        return java.util.Optional.of(new Finding(null, figures + ": neither side waited long"));
    }

    private static long growth(MemoryFigures memory) {
        if (memory == null || memory.liveHeapAfterGc() == null || memory.liveHeapAfterGc().isEmpty() || memory.retainedBytes() <= 0) {
            return 0;
        }
        long lowest = memory.liveHeapAfterGc().stream().mapToLong(s -> s[1]).min().orElse(0);
        return memory.retainedBytes() - lowest;
    }

    private static String memoryClause(MemoryFigures memory) {
        return memory == null || memory.retainedBytes() <= 0 ? ""
                : String.format(" (%,.0f MiB retained at the end)", memory.retainedBytes() / MIB);
    }

    /** The verdict, then one line per finding. */
    public String text() {
        StringBuilder t = new StringBuilder("Bottleneck: ").append(verdict).append('\n');
        findings.forEach(f -> t.append("- ").append(f).append('\n'));
        return t.toString();
    }

    /** One line for a report's "what to conclude": the verdict and its first finding, or, without a bottleneck, every finding. */
    public String line() {
        return findings.isEmpty() ? verdict : verdict + ": " + (verdict.equals(NONE) ? String.join("; ", findings) : findings.get(0));
    }

    /** @param verdict null when the finding is evidence but not a bottleneck */
    private record Finding(String verdict, String evidence) {
    }
}
