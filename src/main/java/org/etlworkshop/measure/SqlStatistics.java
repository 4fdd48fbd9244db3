package org.etlworkshop.measure;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the SQL a run sends, by kind, as seen at the JDBC level ({@link CountingDataSource} on the
 * run's pool), so the difference between techniques shows as numbers: N+1 queries, one INSERT per
 * event, or a few large batches. COPY goes past JDBC and is recorded by its loader.
 */
public final class SqlStatistics {
    private final AtomicLong queries = new AtomicLong();
    private final AtomicLong sequenceCalls = new AtomicLong();
    private final AtomicLong inserts = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong batchedRows = new AtomicLong();
    private final AtomicLong copies = new AtomicLong();
    private final AtomicLong copiedRows = new AtomicLong();
    private final AtomicLong other = new AtomicLong();
    private final AtomicLong commits = new AtomicLong();

    /**
     * A snapshot of the counters. {@code inserts} are INSERTs executed one at a time. Profiles store
     * the derived figures too, for readers of the JSON; they are recomputed when read back.
     * {@code commits}: transactions the run committed, an explicit {@code commit()} or a statement run in
     * autocommit (its own transaction); 0 in profiles written before it was counted.
     */
    @JsonIgnoreProperties(value = {"rowsPerBatch", "roundTrips"}, allowGetters = true)
    public record Counts(long queries, long sequenceCalls, long inserts, long batches, long batchedRows, long copies,
                         long copiedRows, long other, long commits) {

        @JsonProperty
        public double rowsPerBatch() {
            return batches == 0 ? 0 : (double) batchedRows / batches;
        }

        /** Statements that crossed the wire: every query, INSERT, batch and COPY counts once. */
        @JsonProperty
        public long roundTrips() {
            return queries + sequenceCalls + inserts + batches + copies + other;
        }
    }

    /** A batch of {@code rows} statements sent in one round trip. */
    public void recordBatch(int rows) {
        batches.incrementAndGet();
        batchedRows.addAndGet(rows);
    }

    /** One statement executed on its own. */
    public void recordExecute(String sql) {
        String text = sql == null ? "" : sql.stripLeading();
        String verb = text.length() < 6 ? text.toLowerCase(Locale.ROOT) : text.substring(0, 6).toLowerCase(Locale.ROOT);
        if (verb.equals("select")) {
            (text.contains("nextval") ? sequenceCalls : queries).incrementAndGet();
        } else if (verb.equals("insert")) {
            inserts.incrementAndGet();
        } else {
            other.incrementAndGet();
        }
    }

    /** A transaction committed: {@code commit()}, or a statement executed in autocommit. */
    public void recordCommit() {
        commits.incrementAndGet();
    }

    public void recordCopy(long rows) {
        copies.incrementAndGet();
        copiedRows.addAndGet(rows);
    }

    /** Forget what was counted so far (Hibernate's start-up queries, database preparation). */
    public void reset() {
        for (AtomicLong counter : List.of(queries, sequenceCalls, inserts, batches, batchedRows, copies, copiedRows, other, commits)) {
            counter.set(0);
        }
    }

    public Counts snapshot() {
        return new Counts(queries.get(), sequenceCalls.get(), inserts.get(), batches.get(), batchedRows.get(),
                copies.get(), copiedRows.get(), other.get(), commits.get());
    }
}
