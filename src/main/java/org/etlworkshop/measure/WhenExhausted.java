package org.etlworkshop.measure;

import java.util.Iterator;

/** Runs an action once, the first time the iterator says it has nothing more: "the last item was handed over". */
public final class WhenExhausted<T> implements Iterator<T> {
    private final Iterator<T> inner;
    private Runnable action;

    public WhenExhausted(Iterator<T> inner, Runnable action) {
        this.inner = inner;
        this.action = action;
    }

    @Override
    public boolean hasNext() {
        boolean more = inner.hasNext();
        if (!more && action != null) {
            Runnable once = action;
            action = null;
            once.run();
        }
        return more;
    }

    @Override
    public T next() {
        return inner.next();
    }
}
