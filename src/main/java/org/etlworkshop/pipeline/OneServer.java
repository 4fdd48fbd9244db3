package org.etlworkshop.pipeline;

import org.etlworkshop.EtlException;
import org.etlworkshop.UsageException;
import org.etlworkshop.db.CitusCluster;
import org.etlworkshop.db.CitusFigures;
import org.etlworkshop.db.PostgresServer;
import org.etlworkshop.load.EventTables;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

/** The warehouse on one server: every table where it is made, nothing to prepare or report. */
final class OneServer implements Placement {
    private final PostgresServer server;

    OneServer(PostgresServer server) {
        this.server = server;
    }

    /** Refuses a warehouse an earlier {@code --distributed} run spread over a cluster: its stage would be a plain table. */
    @Override
    public void prepare(String database) {
        try (Connection c = CitusCluster.connect(server.database(database))) {
            if (CitusCluster.hasCitus(c) && CitusCluster.isCitusTable(c, EventTables.LIVE.events())) {
                throw new UsageException("the warehouse in " + database + " is distributed over a Citus cluster: "
                        + "add --distributed, or etl clean the scenario to start over on one server");
            }
        } catch (SQLException e) {
            throw new EtlException("cannot open the run database " + database + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void placeLike(Statement statement, String table, String liveTable) {
        // one server: the table is where CREATE TABLE put it
    }

    @Override
    public List<Long> otherPostmasters(String database) {
        return List.of();
    }

    @Override
    public Optional<CitusFigures.Traffic> traffic(DataSource pool) {
        return Optional.empty();
    }

    @Override
    public Optional<RunResult.Distribution> distribution(DataSource pool, String eventsTable, Optional<CitusFigures.Traffic> trafficBefore) {
        return Optional.empty();
    }
}
