package org.etlworkshop.load;

import org.etlworkshop.transform.EventFactory;

import java.util.Iterator;

/**
 * Writes response events into {@code dwh.response_events}. Each implementation is one technique,
 * written to be read: its Javadoc says the SQL it sends, how its memory behaves and when to choose it.
 *
 * <p>A loader owns its transaction: all events are committed together or, on any failure, none are.
 *
 * @param <E> the event shape it consumes (entities or rows), made by {@link #eventFactory()}
 */
public interface Loader<E> {

    /** How the transformer should build the events this loader consumes. */
    EventFactory<E> eventFactory();

    /** Consumes the events as they are produced; returns how many rows were written. */
    long load(Iterator<E> events, LoadTarget target);
}
