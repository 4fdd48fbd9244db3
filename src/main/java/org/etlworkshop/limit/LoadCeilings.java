package org.etlworkshop.limit;

import com.zaxxer.hikari.HikariDataSource;
import org.etlworkshop.EtlException;
import org.etlworkshop.db.CitusCluster;
import org.etlworkshop.db.ConnectionInfo;
import org.etlworkshop.db.Databases;
import org.etlworkshop.db.LocalPostmaster;
import org.etlworkshop.db.Pools;
import org.etlworkshop.db.PostgresServer;
import org.etlworkshop.db.ServerSettle;
import org.etlworkshop.db.SingleValue;
import org.etlworkshop.load.CeilingFamily;
import org.etlworkshop.measure.Interference;
import org.etlworkshop.measure.InterferenceMeter;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * What PostgreSQL itself can take, measured on the same machine and the same rows as the
 * processors: the scenario's finished events ({@link ReadyRows}) loaded into an empty
 * {@code dwh.response_events} seven ways, each a {@link CeilingLoad}. These are the ceilings the
 * loaders are judged against.
 */
public final class LoadCeilings {
    /** The ceiling an engineer would reach for first, and the one every processor is also compared with. */
    public static final String PSQL_CSV = PsqlCsvCopy.NAME;

    private LoadCeilings() {
    }

    /**
     * @param workDir     where the ready-made files are written
     * @param distributed into the warehouse spread over the Citus cluster behind {@code server} ({@code --distributed})
     */
    public static List<Ceiling> measure(PostgresServer server, String scenario, Path workDir, boolean distributed) {
        try {
            ReadyRows rows = ReadyRows.made(server, scenario, workDir, distributed);
            String database = Databases.runName(scenario);
            try (HikariDataSource pool = Pools.open(server.database(database), 4, Map.of("reWriteBatchedInserts", "true"))) {
                List<CeilingLoad> loads = List.of(new TextCopy(), new StreamedCopy(CeilingFamily.TEXT_COPY, ReadyRows.Format.TEXT),
                        new BinaryCopy(), new StreamedCopy(CeilingFamily.BINARY_COPY, ReadyRows.Format.BINARY),
                        new BinaryCopyIndexesAfter(), new JdbcBatch(), new PsqlCsvCopy(server.database(database)));
                OptionalLong postmaster = postmasterOf(pool, server.database(database));
                List<Long> workers = distributed ? CitusCluster.behind(server).localWorkerPostmasters(database) : List.of();
                return loads.stream().map(load -> timed(pool, rows, load, postmaster, workers)).toList();
            }
        } catch (IOException e) {
            throw new EtlException("cannot write the event files in " + workDir + ": " + e.getMessage(), e);
        } catch (SQLException e) {
            throw new EtlException("cannot connect to the run database: " + e.getMessage(), e);
        }
    }

    private static OptionalLong postmasterOf(HikariDataSource pool, ConnectionInfo database) throws SQLException {
        try (Connection connection = pool.getConnection()) {
            return LocalPostmaster.of(connection, database);
        }
    }

    /**
     * Empties the table and lets the server settle (untimed), loads and commits (timed, with what
     * other processes used of the machine meanwhile), then checks the count.
     */
    private static Ceiling timed(HikariDataSource pool, ReadyRows rows, CeilingLoad load, OptionalLong postmaster, List<Long> workers) {
        long expected = rows.events().size();
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE dwh.response_events");
            ServerSettle.settle(pool);
            connection.setAutoCommit(false);
            InterferenceMeter others = InterferenceMeter.start(postmaster, workers);
            long start = System.nanoTime();
            load.load(connection, rows);
            connection.commit();
            double seconds = (System.nanoTime() - start) / 1e9;
            Interference interference = others.stop().orElse(null);
            long count = SingleValue.longOf(connection, "SELECT count(*) FROM dwh.response_events");
            if (count != expected) {
                throw new EtlException(load.name() + " loaded " + count + " rows, expected " + expected);
            }
            connection.commit();
            return new Ceiling(load.name(), load.method(rows), expected, seconds, interference);
        } catch (SQLException | IOException e) {
            throw new EtlException(load.name() + " failed: " + e.getMessage(), e);
        }
    }
}
