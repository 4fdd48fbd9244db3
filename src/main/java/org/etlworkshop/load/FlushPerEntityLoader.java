package org.etlworkshop.load;

import org.etlworkshop.model.ResponseEvent;
import org.etlworkshop.transform.EventFactory;

import java.util.Iterator;

/**
 * {@code persist} then {@code flush} after every event.
 *
 * <p>SQL: one INSERT round trip per event, each sent alone: nothing can be batched.
 *
 * <p>Memory: still grows with the number of events. Unlike SQLAlchemy, whose session holds flushed
 * objects only weakly, a Hibernate flush writes the SQL but keeps every entity managed in the
 * persistence context until {@code clear()} or the end of the session. Flushing alone frees nothing.
 *
 * <p>Choose it: never for bulk work. It is here because it is what "flush more often to save memory"
 * does without {@code clear()}.
 */
public final class FlushPerEntityLoader implements Loader<ResponseEvent> {

    @Override
    public EventFactory<ResponseEvent> eventFactory() {
        return EventFactory.ENTITIES;
    }

    @Override
    public long load(Iterator<ResponseEvent> events, LoadTarget target) {
        return target.sessionFactory().fromTransaction(session -> {
            long count = 0;
            while (events.hasNext()) {
                session.persist(events.next());
                session.flush(); // one INSERT now; the entity stays in the persistence context
                count++;
            }
            return count;
        });
    }
}
