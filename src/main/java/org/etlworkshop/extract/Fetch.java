package org.etlworkshop.extract;

/** How a submission's user and form are fetched; each value names one extractor class. */
public enum Fetch {
    /** {@link LazyExtractor}: one query per distinct user and form (N+1). */
    LAZY,
    /** {@link JoinFetchExtractor}: one query, whole related entities. */
    JOIN,
    /** {@link ProjectionExtractor}: one query, only the columns used. */
    PROJECTION;

    public Extractor extractor(ReadMode mode, int fetchSize) {
        return switch (this) {
            case LAZY -> new LazyExtractor(mode, fetchSize);
            case JOIN -> new JoinFetchExtractor(mode, fetchSize);
            case PROJECTION -> new ProjectionExtractor(mode, fetchSize);
        };
    }
}
