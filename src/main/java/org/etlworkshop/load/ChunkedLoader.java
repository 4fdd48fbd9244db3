package org.etlworkshop.load;

import org.etlworkshop.model.IdentityKeyedEvent;
import org.etlworkshop.model.ResponseEvent;
import org.etlworkshop.transform.EventFactory;

import java.util.Iterator;

/**
 * The classic Hibernate batch recipe: {@code persist}, and every N events {@code flush} then
 * {@code clear}, with the JDBC batch size set to N.
 *
 * <p>SQL: INSERTs sent as JDBC batches of N (one round trip per N events), plus one {@code nextval}
 * per 1000 ids. Inserts are ordered by entity type, so batches are never broken up.
 *
 * <p>Memory: bounded by N. {@code flush} writes the chunk, {@code clear} detaches it, so the
 * persistence context never holds more than one chunk.
 *
 * <p>Choose it when you need entities (callbacks, cascades, a session you already have) and bulk volume.
 *
 * <p>Allocation, cut without changing the technique: its two timestamps are bound as
 * {@code OffsetDateTime} through {@link org.etlworkshop.model.Timestamptz}, which builds them without
 * {@code Instant.atOffset} (a new {@code ZoneRules} per value on Java 17) and reuses its last two
 * conversions (a run's events share {@code processed_on}, a submission's its {@code submission_created});
 * the answer type's SQL name is computed once. What remains is Hibernate's and pgjdbc's per-row
 * machinery (README, "Limits and known gaps", has the per-event figure and its command).
 */
public final class ChunkedLoader<E> implements Loader<E> {
    private final int chunkSize;
    private final EventFactory<E> entities;

    /** With {@link EventFactory#ENTITIES}: ids from the pooled sequence, so every chunk is one JDBC batch. */
    public static ChunkedLoader<ResponseEvent> sequenceKeyed(int chunkSize) {
        return new ChunkedLoader<>(chunkSize, EventFactory.ENTITIES);
    }

    /**
     * With {@link EventFactory#IDENTITY_KEYED}: the same loop, but each persist sends its INSERT at
     * once to learn the database's id, so there is no batch at all. Lesson 4 compares the two.
     */
    public static ChunkedLoader<IdentityKeyedEvent> identityKeyed(int chunkSize) {
        return new ChunkedLoader<>(chunkSize, EventFactory.IDENTITY_KEYED);
    }

    private ChunkedLoader(int chunkSize, EventFactory<E> entities) {
        this.chunkSize = chunkSize;
        this.entities = entities;
    }

    @Override
    public EventFactory<E> eventFactory() {
        return entities;
    }

    @Override
    public long load(Iterator<E> events, LoadTarget target) {
        return target.sessionFactory().fromTransaction(session -> {
            session.setJdbcBatchSize(chunkSize);
            long count = 0;
            while (events.hasNext()) {
                session.persist(events.next());
                if (++count % chunkSize == 0) {
                    session.flush(); // one JDBC batch of chunkSize INSERTs
                    session.clear(); // forget the chunk: memory stays bounded
                }
            }
            session.flush();
            return count;
        });
    }
}
