package org.etlworkshop.load;

import org.etlworkshop.measure.SqlStatistics;
import org.hibernate.SessionFactory;

import javax.sql.DataSource;

/**
 * Where loaders write: Hibernate for the ORM loaders, the pooled {@link DataSource} for plain JDBC.
 * Both go through the same statement-counting proxy; COPY, which pgjdbc sends past JDBC, is
 * recorded in {@link SqlStatistics} by the loader that does it.
 */
public record LoadTarget(SessionFactory sessionFactory, DataSource dataSource, SqlStatistics statistics) {
}
