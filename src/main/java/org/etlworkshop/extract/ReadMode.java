package org.etlworkshop.extract;

import org.hibernate.Session;
import org.hibernate.query.SelectionQuery;

import java.util.function.Function;
import java.util.stream.Stream;

/**
 * How query results reach Java: all at once or through a cursor.
 *
 * <p>{@code LIST} calls {@code getResultList()}: one round trip, and every row (and, for entities,
 * every managed instance) is in memory before the first is transformed. Memory grows with the
 * number of submissions.
 *
 * <p>{@code STREAM} calls {@code getResultStream()} with a fetch size. pgjdbc then reads
 * {@code fetchSize} rows per round trip from a server-side cursor (it only does so inside a
 * transaction, with autocommit off), and each entity is detached once mapped, so the persistence
 * context does not grow either. Memory is bounded by the fetch size.
 */
public enum ReadMode {
    LIST, STREAM;

    /** Reads managed entities; when streaming, each is detached once mapped. */
    <T, R> Stream<R> entities(Session session, SelectionQuery<T> query, int fetchSize, Function<T, R> mapper) {
        if (this == LIST) {
            return query.getResultList().stream().map(mapper);
        }
        return query.setFetchSize(fetchSize).getResultStream().map(entity -> {
            R mapped = mapper.apply(entity);
            session.detach(entity); // keep the persistence context from growing with every row read
            return mapped;
        });
    }

    /** Reads plain values (projections), which no persistence context holds. */
    <T, R> Stream<R> values(SelectionQuery<T> query, int fetchSize, Function<T, R> mapper) {
        if (this == LIST) {
            return query.getResultList().stream().map(mapper);
        }
        return query.setFetchSize(fetchSize).getResultStream().map(mapper);
    }
}
