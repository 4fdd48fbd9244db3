package org.etlworkshop.pipeline;

import org.etlworkshop.Progress;
import org.etlworkshop.extract.SourceSubmission;
import org.etlworkshop.transform.EventFactory;
import org.etlworkshop.transform.Rejection;
import org.etlworkshop.transform.Transformer;

import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The events of all submissions, transformed one submission at a time as the loader pulls: the
 * pipeline never holds more than one submission's events. Rejected submissions are set aside with
 * their reason and the stream goes on.
 */
final class EventStream<E> implements Iterator<E> {
    private final Iterator<SourceSubmission> submissions;
    private final Transformer transformer;
    private final EventFactory<E> factory;
    private final List<Rejection> rejections;
    private final Progress progress;
    private final Runnable atEnd;
    private final StageMeter meter;
    private Iterator<E> current = Collections.emptyIterator();
    private long submissionsRead;
    private long events;
    private boolean ended;

    EventStream(Iterator<SourceSubmission> submissions, Transformer transformer, EventFactory<E> factory,
                List<Rejection> rejections, Progress progress, Runnable atEnd, StageMeter meter) {
        this.submissions = submissions;
        this.transformer = transformer;
        this.factory = factory;
        this.rejections = rejections;
        this.progress = progress;
        this.atEnd = atEnd;
        this.meter = meter;
    }

    @Override
    public boolean hasNext() {
        while (!current.hasNext()) {
            // Extract: a streaming extractor fetches the next rows from its cursor here.
            long bytes = meter.mark(), nanos = meter.now();
            SourceSubmission submission = submissions.hasNext() ? submissions.next() : null;
            long extractedBytes = meter.mark(), extractedAt = meter.now();
            meter.extractBytes += extractedBytes - bytes;
            meter.extractNanos += extractedAt - nanos;
            if (submission == null) {
                if (!ended) {
                    ended = true;
                    atEnd.run();
                }
                return false;
            }
            submissionsRead++;
            // Transform: the submission's events, or its rejection.
            try {
                List<E> batch = transformer.transform(submission, factory);
                events += batch.size();
                progress.advance(batch.size());
                current = batch.iterator();
            } catch (Transformer.RejectedSubmission e) {
                rejections.add(new Rejection(submission.id(), e.getMessage()));
            } finally {
                meter.transformBytes += meter.mark() - extractedBytes;
                meter.transformNanos += meter.now() - extractedAt;
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

    long submissionsRead() {
        return submissionsRead;
    }

    long events() {
        return events;
    }
}
