package org.etlworkshop.extract;

import org.hibernate.Session;

import java.util.stream.Stream;

/**
 * Yields every submission of the source database. The session is read-only and inside a
 * transaction (so a server-side cursor can stay open); close the stream when done.
 */
public interface Extractor {
    Stream<SourceSubmission> extract(Session session);
}
