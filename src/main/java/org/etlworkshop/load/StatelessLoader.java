package org.etlworkshop.load;

import org.etlworkshop.model.ResponseEvent;
import org.etlworkshop.transform.EventFactory;

import java.util.Iterator;

/**
 * {@code StatelessSession.insert} with JDBC batching: Hibernate's mapping and id generation, without
 * a persistence context.
 *
 * <p>SQL: INSERTs sent as JDBC batches of N, plus one {@code nextval} per 1000 ids. Note that a
 * StatelessSession ignores {@code hibernate.jdbc.batch_size}: the batch size is set on the session.
 *
 * <p>Memory: bounded by N. No first-level cache, no snapshots, no dirty checking, no flush: each
 * entity is garbage as soon as its batch is sent.
 *
 * <p>Choose it for bulk inserts through Hibernate: the entity classes and ids, none of the bookkeeping.
 *
 * <p>Allocation, cut without changing the technique: its two timestamps are bound as
 * {@code OffsetDateTime} through {@link org.etlworkshop.model.Timestamptz}, which builds them without
 * {@code Instant.atOffset} (a new {@code ZoneRules} per value on Java 17) and reuses its last two
 * conversions (a run's events share {@code processed_on}, a submission's its {@code submission_created});
 * the answer type's SQL name is computed once. What remains is Hibernate's and pgjdbc's per-row
 * machinery (README, "Limits and known gaps", has the per-event figure and its command).
 */
public final class StatelessLoader implements Loader<ResponseEvent> {
    private final int batchSize;

    public StatelessLoader(int batchSize) {
        this.batchSize = batchSize;
    }

    @Override
    public EventFactory<ResponseEvent> eventFactory() {
        return EventFactory.ENTITIES;
    }

    @Override
    public long load(Iterator<ResponseEvent> events, LoadTarget target) {
        long[] count = {0};
        target.sessionFactory().inStatelessTransaction(session -> {
            session.setJdbcBatchSize(batchSize);
            while (events.hasNext()) {
                session.insert(events.next()); // queued into the current JDBC batch
                count[0]++;
            }
        });
        return count[0];
    }
}
