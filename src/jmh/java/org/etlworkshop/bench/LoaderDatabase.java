package org.etlworkshop.bench;

import com.zaxxer.hikari.HikariDataSource;
import org.etlworkshop.Progress;
import org.etlworkshop.db.Databases;
import org.etlworkshop.db.Durability;
import org.etlworkshop.db.EmbeddedServer;
import org.etlworkshop.db.Pools;
import org.etlworkshop.load.LoadTarget;
import org.etlworkshop.model.Orm;
import org.etlworkshop.model.ResponseEvent;
import org.etlworkshop.measure.SqlStatistics;
import org.etlworkshop.scenario.ScenarioCatalog;
import org.etlworkshop.scenario.Templates;
import org.etlworkshop.transform.EventRow;
import org.hibernate.SessionFactory;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

/**
 * An embedded PostgreSQL (in {@code target/jmh-etl}) with a copy of {@code medium}, for one JMH fork.
 * The loaders write through a plain pool: no statement counter, no Hibernate statistics.
 */
final class LoaderDatabase implements AutoCloseable {
    static final int EVENTS = 10_000;

    private final EmbeddedServer server;
    private final HikariDataSource pool;
    private final SessionFactory sessions;
    final List<EventRow> events;

    LoaderDatabase(boolean rewriteBatchedInserts) {
        server = EmbeddedServer.start(Path.of("target", "jmh-etl"), Durability.FAST, "jmh");
        Databases databases = new Databases(server);
        new Templates(databases).ensureGenerated(new ScenarioCatalog(Path.of("scenarios")).load("medium"), false, Progress.NONE);
        String database = databases.createRunDatabase("medium");
        pool = Pools.open(server.database(database), 4, Map.of("reWriteBatchedInserts", String.valueOf(rewriteBatchedInserts)));
        sessions = Orm.sessionFactory(pool, false);
        events = SampleEvents.events().subList(0, EVENTS);
    }

    LoadTarget target() {
        return new LoadTarget(sessions, pool, new SqlStatistics());
    }

    /** Each load starts from an empty table, as a run does. */
    void emptyTable() throws SQLException {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE dwh.response_events");
        }
    }

    static ResponseEvent entity(EventRow e) {
        return new ResponseEvent(e.formId(), e.formName(), e.userId(), e.userFullName(), e.submissionId(),
                e.submissionCreated(), e.processedOn(), e.schemaPath(), e.value(), e.answerType(), e.tag());
    }

    @Override
    public void close() {
        sessions.close();
        pool.close();
        server.close();
    }
}
