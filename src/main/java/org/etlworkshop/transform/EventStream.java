package org.etlworkshop.transform;

import org.etlworkshop.extract.SourceSubmission;

import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Consumer;

/**
 * The events of all submissions, transformed one submission at a time as the loader pulls: the
 * pipeline never holds more than one submission's events. A rejected submission, or answer, is
 * handed to {@code rejections} with its reason, and the stream goes on.
 */
final class EventStream<E> implements Iterator<E> {
    private final Iterator<SourceSubmission> submissions;
    private final Transformer transformer;
    private final EventFactory<E> factory;
    private final Consumer<Rejection> rejections;
    private Iterator<E> current = Collections.emptyIterator();

    EventStream(Iterator<SourceSubmission> submissions, Transformer transformer, EventFactory<E> factory,
                Consumer<Rejection> rejections) {
        this.submissions = submissions;
        this.transformer = transformer;
        this.factory = factory;
        this.rejections = rejections;
    }

    @Override
    public boolean hasNext() {
        while (!current.hasNext()) {
            if (!submissions.hasNext()) {
                return false;
            }
            SourceSubmission submission = submissions.next();
            try {
                List<E> events = transformer.transform(submission, factory, rejections);
                current = events.iterator();
            } catch (Transformer.RejectedSubmission e) {
                rejections.accept(Rejection.submission(submission.id(), e.getMessage()));
            }
        }
        return true;
    }

    @Override
    public E next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return current.next();
    }
}
