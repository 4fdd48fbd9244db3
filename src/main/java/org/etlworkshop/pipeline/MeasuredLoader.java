package org.etlworkshop.pipeline;

import org.etlworkshop.Progress;
import org.etlworkshop.load.LoadTarget;
import org.etlworkshop.load.Loader;
import org.etlworkshop.measure.CountingIterator;
import org.etlworkshop.measure.StageMeter;
import org.etlworkshop.measure.WhenExhausted;
import org.etlworkshop.transform.EventFactory;

import java.util.Iterator;

/**
 * A loader whose events are counted and shown as progress on their way in, with an action run
 * when the last one has been handed over (before the loader's final flush and commit).
 */
final class MeasuredLoader<E> implements Loader<E> {
    private final Loader<E> loader;
    private final StageMeter meter;
    private final Progress progress;
    private final Runnable atLastEvent;
    private CountingIterator<E> counted;

    MeasuredLoader(Loader<E> loader, StageMeter meter, Progress progress, Runnable atLastEvent) {
        this.loader = loader;
        this.meter = meter;
        this.progress = progress;
        this.atLastEvent = atLastEvent;
    }

    @Override
    public EventFactory<E> eventFactory() {
        return loader.eventFactory();
    }

    @Override
    public long load(Iterator<E> events, LoadTarget target) {
        counted = new CountingIterator<>(meter.feeding(events), progress);
        return loader.load(new WhenExhausted<>(counted, atLastEvent), target);
    }

    long eventsProduced() {
        return counted == null ? 0 : counted.count();
    }
}
