package org.etlworkshop.load;

import org.etlworkshop.measure.SqlStatistics;
import org.hibernate.SessionFactory;

import javax.sql.DataSource;

/**
 * Where loaders write: Hibernate for the ORM loaders, the pooled {@link DataSource} for plain JDBC,
 * into {@code tables} (the live ones, or a run's stage tables, for which the session factory maps
 * the event entity to the stage table). Both go through the same statement-counting proxy; COPY,
 * which pgjdbc sends past JDBC, is recorded in {@link SqlStatistics} by the loader that does it.
 */
public record LoadTarget(SessionFactory sessionFactory, DataSource dataSource, SqlStatistics statistics, EventTables tables) {

    public LoadTarget(SessionFactory sessionFactory, DataSource dataSource, SqlStatistics statistics) {
        this(sessionFactory, dataSource, statistics, EventTables.LIVE);
    }
}
