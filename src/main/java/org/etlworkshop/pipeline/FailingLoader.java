package org.etlworkshop.pipeline;

import org.etlworkshop.EtlException;
import org.etlworkshop.load.LoadTarget;
import org.etlworkshop.load.Loader;
import org.etlworkshop.transform.EventFactory;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code --fail-after N}: the loader fails once N events of the run (over every chunk and worker)
 * have reached it, as a crash would, for tests and for the lesson on what a failed run keeps.
 */
final class FailingLoader<E> implements Loader<E> {
    private final Loader<E> loader;
    private final AtomicLong left;

    private FailingLoader(Loader<E> loader, AtomicLong left) {
        this.loader = loader;
        this.left = left;
    }

    /** {@code loader} itself when no failure was asked for ({@code left} is 0). */
    static <E> Loader<E> after(Loader<E> loader, AtomicLong left) {
        return left.get() <= 0 ? loader : new FailingLoader<>(loader, left);
    }

    @Override
    public EventFactory<E> eventFactory() {
        return loader.eventFactory();
    }

    @Override
    public long load(Iterator<E> events, LoadTarget target) {
        return loader.load(new Iterator<>() {
            @Override
            public boolean hasNext() {
                return events.hasNext();
            }

            @Override
            public E next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                if (left.decrementAndGet() < 0) {
                    throw new EtlException("injected failure (--fail-after): the run stopped as a crash would");
                }
                return events.next();
            }
        }, target);
    }
}
