package org.etlworkshop.pipeline;

import org.etlworkshop.Progress;
import org.etlworkshop.extract.Extractor;
import org.etlworkshop.extract.SourceSubmission;
import org.etlworkshop.measure.CountingIterator;
import org.etlworkshop.measure.StageMeter;
import org.hibernate.Session;

import java.util.Iterator;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** An extractor that counts the submissions it yields, and times them as the extract stage. */
final class MeasuredExtractor implements Extractor {
    private final Extractor extractor;
    private final StageMeter meter;
    private CountingIterator<SourceSubmission> counted;

    MeasuredExtractor(Extractor extractor, StageMeter meter) {
        this.extractor = extractor;
        this.meter = meter;
    }

    @Override
    public Stream<SourceSubmission> extract(Session session) {
        Stream<SourceSubmission> submissions = meter.extract(() -> extractor.extract(session)); // runs the query
        counted = new CountingIterator<>(meter.extracting(submissions.iterator()), Progress.NONE);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(counted, Spliterator.ORDERED), false)
                .onClose(submissions::close);
    }

    long submissionsRead() {
        return counted == null ? 0 : counted.count();
    }
}
