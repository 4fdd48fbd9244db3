package org.etlworkshop.measure;

import org.hibernate.stat.Statistics;

/**
 * What the ORM did on top of the SQL, from Hibernate's statistics.
 *
 * @param lazyFetches entities fetched one by one when a lazy association was touched: the "+N" of N+1
 */
public record HibernateCounts(long entityLoads, long lazyFetches, long entityInserts, long flushes, long transactions) {

    public static HibernateCounts of(Statistics statistics) {
        return new HibernateCounts(statistics.getEntityLoadCount(), statistics.getEntityFetchCount(),
                statistics.getEntityInsertCount(), statistics.getFlushCount(), statistics.getTransactionCount());
    }
}
