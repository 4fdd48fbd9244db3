package org.etlworkshop.profile;

import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the SQL a run sends, by kind, as seen at the JDBC level (a datasource-proxy listener on
 * the run's pool), so the difference between techniques shows as numbers: N+1 queries, one INSERT
 * per event, or a few large batches. COPY goes past JDBC and is recorded by its loader.
 */
public final class SqlStatistics implements QueryExecutionListener {
    private final AtomicLong queries = new AtomicLong();
    private final AtomicLong sequenceCalls = new AtomicLong();
    private final AtomicLong inserts = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong batchedRows = new AtomicLong();
    private final AtomicLong copies = new AtomicLong();
    private final AtomicLong copiedRows = new AtomicLong();
    private final AtomicLong other = new AtomicLong();

    /** A snapshot of the counters. {@code inserts} are INSERTs executed one at a time. */
    public record Counts(long queries, long sequenceCalls, long inserts, long batches, long batchedRows, long copies,
                         long copiedRows, long other) {

        public double rowsPerBatch() {
            return batches == 0 ? 0 : (double) batchedRows / batches;
        }

        /** Statements that crossed the wire: every query, INSERT, batch and COPY counts once. */
        public long roundTrips() {
            return queries + sequenceCalls + inserts + batches + copies + other;
        }
    }

    @Override
    public void beforeQuery(ExecutionInfo execution, List<QueryInfo> queryInfos) {
    }

    @Override
    public void afterQuery(ExecutionInfo execution, List<QueryInfo> queryInfos) {
        if (execution.isBatch()) {
            batches.incrementAndGet();
            batchedRows.addAndGet(execution.getBatchSize());
            return;
        }
        String sql = queryInfos.isEmpty() ? "" : queryInfos.get(0).getQuery().stripLeading();
        String verb = sql.length() < 6 ? sql.toLowerCase(Locale.ROOT) : sql.substring(0, 6).toLowerCase(Locale.ROOT);
        if (verb.equals("select")) {
            (sql.contains("nextval") ? sequenceCalls : queries).incrementAndGet();
        } else if (verb.equals("insert")) {
            inserts.incrementAndGet();
        } else {
            other.incrementAndGet();
        }
    }

    public void recordCopy(long rows) {
        copies.incrementAndGet();
        copiedRows.addAndGet(rows);
    }

    /** Forget what was counted so far (Hibernate's start-up queries, database preparation). */
    public void reset() {
        for (AtomicLong counter : List.of(queries, sequenceCalls, inserts, batches, batchedRows, copies, copiedRows, other)) {
            counter.set(0);
        }
    }

    public Counts snapshot() {
        return new Counts(queries.get(), sequenceCalls.get(), inserts.get(), batches.get(), batchedRows.get(),
                copies.get(), copiedRows.get(), other.get());
    }
}
