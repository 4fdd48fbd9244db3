package org.etlworkshop.pipeline;

import org.etlworkshop.extract.Extractor;
import org.etlworkshop.extract.SourceSubmission;
import org.etlworkshop.load.LoadTarget;
import org.etlworkshop.load.Loader;
import org.etlworkshop.transform.Rejection;
import org.etlworkshop.transform.Transformer;
import org.hibernate.Session;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Extract, transform, load: the whole lesson is {@link #run}. Submissions stream out of the
 * extractor, the transformer turns each into events as the loader pulls them, and the loader
 * writes them its own way. Nothing here measures: {@link ProcessRun} wraps measuring decorators
 * around the extractor and the loader, the way the original workshop wrapped its loaders.
 *
 * @param <E> the event shape the loader consumes (entities or rows)
 */
public record Pipeline<E>(Extractor extractor, Transformer transformer, Loader<E> loader) {

    /** The processor's extractor and loader, and a transformer stamping this moment on every event. */
    public static Pipeline<?> of(ProcessorConfig config) {
        return new Pipeline<>(config.fetch().extractor(config.read(), config.fetchSize()),
                new Transformer(Instant.now().truncatedTo(ChronoUnit.MICROS)), config.loaderEntry().create().apply(config));
    }

    /** Runs it all inside {@code session}'s read transaction; returns the rows the loader wrote. */
    public long run(Session session, LoadTarget target, Consumer<Rejection> rejections) {
        try (Stream<SourceSubmission> submissions = extractor.extract(session)) {
            Iterator<E> events = transformer.events(submissions.iterator(), loader.eventFactory(), rejections);
            return loader.load(events, target);
        }
    }

    /**
     * For another worker of the same run: its own extractor (and schema cache) and loader, built from
     * {@code config} as this pipeline's were, and this pipeline's transformer, so every event carries
     * the same {@code processed_on}.
     */
    @SuppressWarnings("unchecked") // config built this pipeline's loader, so its loader consumes E
    public Pipeline<E> forAnotherWorker(ProcessorConfig config) {
        return new Pipeline<>(config.fetch().extractor(config.read(), config.fetchSize()), transformer,
                (Loader<E>) config.loaderEntry().create().apply(config));
    }

    /** The same pipeline stamping {@code processedOn} on its events and rejections: a resumed run's, kept from its first attempt. */
    public Pipeline<E> stampedAt(Instant processedOn) {
        return processedOn.equals(transformer.processedOn()) ? this : new Pipeline<>(extractor, new Transformer(processedOn), loader);
    }

    /** The same pipeline with its extractor and loader wrapped, e.g. by measuring decorators. */
    public Pipeline<E> wrapped(Extractor extractor, Loader<E> loader) {
        return new Pipeline<>(extractor, transformer, loader);
    }
}
