package org.etlworkshop.pipeline;

import com.zaxxer.hikari.HikariDataSource;
import org.etlworkshop.Progress;
import org.etlworkshop.db.Databases;
import org.etlworkshop.db.Pools;
import org.etlworkshop.db.PostgresServer;
import org.etlworkshop.load.LoadTarget;
import org.etlworkshop.model.Orm;
import org.etlworkshop.profile.CountingDataSource;
import org.etlworkshop.profile.SqlStatistics;
import org.hibernate.SessionFactory;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One {@code etl process}: prepare a fresh copy of the scenario (not timed), then run the pipeline
 * on it (timed). The run database stays afterwards for inspection with {@code etl psql}.
 */
public final class ProcessRun {
    private ProcessRun() {
    }

    /** What preparing the run database cost, reported apart from the measured run. */
    public record Prepared(String database, Duration preparation) {
    }

    public static RunResult execute(PostgresServer server, String scenario, Pipeline pipeline, boolean logSql,
                                    Consumer<Prepared> onPrepared, Progress progress) {
        return execute(server, scenario, pipeline, logSql, true, onPrepared, progress);
    }

    /**
     * @param instrumented false runs without the statement-counting proxy and Hibernate statistics,
     *                     to measure what they cost ({@code etl process --bare})
     */
    public static RunResult execute(PostgresServer server, String scenario, Pipeline pipeline, boolean logSql,
                                    boolean instrumented, Consumer<Prepared> onPrepared, Progress progress) {
        long start = System.nanoTime();
        String database = new Databases(server).createRunDatabase(scenario);
        SqlStatistics statistics = new SqlStatistics();
        try (HikariDataSource pool = Pools.open(server.database(database), 4, pipeline.config().jdbc())) {
            // Hibernate and the JDBC loaders share one counted view of the pool.
            DataSource dataSource = instrumented ? new CountingDataSource(pool, statistics, logSql) : pool;
            try (SessionFactory sessionFactory = Orm.sessionFactory(dataSource, instrumented)) {
                onPrepared.accept(new Prepared(database, Duration.ofNanos(System.nanoTime() - start)));
                return pipeline.run(scenario, new LoadTarget(sessionFactory, dataSource, statistics), progress);
            }
        }
    }
}
