package org.etlworkshop.measure;

import org.etlworkshop.Progress;

import java.util.Iterator;

/**
 * Counts the items that pass through, and reports them as progress. Progress is told every
 * {@value #PROGRESS_STEP} items, not every item: a progress bar takes a lock on each step.
 */
public final class CountingIterator<T> implements Iterator<T> {
    static final int PROGRESS_STEP = 1024;

    private final Iterator<T> inner;
    private final Progress progress;
    private long count;
    private long reported;

    public CountingIterator(Iterator<T> inner, Progress progress) {
        this.inner = inner;
        this.progress = progress;
    }

    @Override
    public boolean hasNext() {
        boolean more = inner.hasNext();
        if (!more && reported < count) {
            progress.advance(count - reported);
            reported = count;
        }
        return more;
    }

    @Override
    public T next() {
        T item = inner.next();
        if (++count - reported == PROGRESS_STEP) {
            progress.advance(PROGRESS_STEP);
            reported = count;
        }
        return item;
    }

    public long count() {
        return count;
    }
}
