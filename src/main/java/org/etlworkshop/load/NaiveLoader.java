package org.etlworkshop.load;

import org.etlworkshop.model.ResponseEvent;
import org.etlworkshop.transform.EventFactory;

import java.util.Iterator;

/**
 * The naive way: {@code persist} every event into one persistence context, flush once at the end.
 *
 * <p>SQL: one INSERT per event, all sent by the final flush (no JDBC batching configured), plus one
 * {@code nextval} per 1000 ids.
 *
 * <p>Memory: grows with the number of events. Every entity stays managed until the commit, along
 * with Hibernate's bookkeeping for it (its entry in the persistence context and the action queue).
 * On a million events this is gigabytes; with too small a heap the run fails with an explanation.
 *
 * <p>Choose it: for a few hundred rows, where it is the simplest correct code.
 */
public final class NaiveLoader implements Loader<ResponseEvent> {

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
                count++;
            }
            session.flush(); // everything goes out now; the commit follows
            return count;
        });
    }
}
