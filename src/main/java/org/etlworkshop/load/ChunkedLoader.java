package org.etlworkshop.load;

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
 */
public final class ChunkedLoader implements Loader<ResponseEvent> {
    private final int chunkSize;

    public ChunkedLoader(int chunkSize) {
        this.chunkSize = chunkSize;
    }

    @Override
    public EventFactory<ResponseEvent> eventFactory() {
        return EventFactory.ENTITIES;
    }

    @Override
    public long load(Iterator<ResponseEvent> events, LoadTarget target) {
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
